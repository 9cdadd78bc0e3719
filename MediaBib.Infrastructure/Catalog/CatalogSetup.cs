using MediaBib.Infrastructure.Catalog.CopyCataloguing;
using MediaBib.Infrastructure.Catalog.Editing;
using MediaBib.Infrastructure.Catalog.Export;
using MediaBib.Infrastructure.Catalog.Import;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Catalog;

public static class CatalogSetup
{
    /// <summary>Import, export, the cataloguer's editor and copy cataloguing (targets from the <c>CopyCataloguing</c> section, validated at start).</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CatalogImport>();
        services.AddSingleton<CatalogExport>();
        services.AddOptions<CopyCatalogueOptions>()
            .Bind(configuration.GetSection(CopyCatalogueOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CopyCatalogueOptions>, CopyCatalogueOptionsValidator>();
        services.AddHttpClient(CopyCatalogueOptions.Section, http => http.DefaultRequestHeaders.UserAgent.ParseAdd("MediaBib/1.0"));
        services.AddSingleton(sp => CopyCatalogueClient.FromOptions(
            sp.GetRequiredService<IOptions<CopyCatalogueOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(CopyCatalogueOptions.Section)));
        services.AddSingleton<CopyCatalogue>();
        services.AddSingleton<RecordEditor>();
        services.AddSingleton<RecordItems>();
        services.AddSingleton<RecordRemoval>();
        services.AddSingleton<RecordLocks>();
        services.AddSingleton<Authorities>();
        return services;
    }

    /// <summary>Reports the one sentence of <see cref="CopyCatalogueOptions.Problem"/>.</summary>
    private sealed class CopyCatalogueOptionsValidator : IValidateOptions<CopyCatalogueOptions>
    {
        public ValidateOptionsResult Validate(string? name, CopyCatalogueOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
