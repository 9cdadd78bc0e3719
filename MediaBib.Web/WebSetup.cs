using MediaBib.Infrastructure;
using MediaBib.Infrastructure.Administration;
using MediaBib.Web.Account;
using MediaBib.Web.Api;
using MediaBib.Web.Catalogue;
using MediaBib.Web.Components;
using MediaBib.Web.Opac;
using MediaBib.Web.Desk;
using MediaBib.Web.Diagnostics;
using MediaBib.Web.Jobs;
using MediaBib.Web.Rfid;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using Serilog;

namespace MediaBib.Web;

/// <summary>Composition of the web node: services in <see cref="AddMediaBibWeb"/>, pipeline in <see cref="UseMediaBibWeb"/>.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddMediaBibWeb(this WebApplicationBuilder builder)
    {
        // Serve the packages' static assets (MudBlazor) from a plain build too, not only in Development.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddSerilog((sp, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(
                Path.Combine(builder.Configuration["Logging:Directory"] ?? "logs", "mediabib-web-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        services.AddInfrastructure(builder.Configuration);
        services.AddAdministration();
        services.AddLocalization();
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddStaffSecurity();
        services.AddMemoryCache();
        services.AddSingleton<Components.Catalogue.Editor.EditorDrafts>();
        services.AddMediaBibApi();
        services.AddPatronSecurity();
        services.AddSignInRateLimit(builder.Configuration);
        services.AddDesk();
        services.AddRfidPads();
        services.AddSingleton<Catalogue.ImportReports>();
        services.AddMediaBibJobs(builder.Configuration);
        services.AddBenchDiagnostics(builder.Configuration);

        var health = services.AddHealthChecks()
            .AddNpgSql(builder.Configuration.GetConnectionString("Db") ?? "", name: "postgresql");
        var dataProtection = services.AddDataProtection().SetApplicationName("MediaBib");
        var signalR = services.AddSignalR();
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Several web nodes: the same data-protection keys (cookies, antiforgery) and one SignalR backplane, so
            // any node can reach any client. Blazor's circuit hub uses it too; circuits still need sticky sessions.
            health.AddRedis(redis, name: "redis");
            var options = StackExchange.Redis.ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false;
            var multiplexer = StackExchange.Redis.ConnectionMultiplexer.Connect(options);
            services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(multiplexer);
            dataProtection.PersistKeysToStackExchangeRedis(multiplexer, "mediabib:data-protection-keys");
            // Second level of the OPAC's record and availability fragments (FragmentCache, ADR-005).
            services.AddStackExchangeRedisCache(o => o.ConnectionMultiplexerFactory = () => Task.FromResult<StackExchange.Redis.IConnectionMultiplexer>(multiplexer));
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration = options;
                o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("mediabib");
            });
        }

        return builder;
    }

    public static WebApplication UseMediaBibWeb(this WebApplication app)
    {
        var french = new System.Globalization.CultureInfo("fr-FR");
        app.UseRequestLocalization(o =>
        {
            o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(french);
            o.SupportedCultures = [french, new System.Globalization.CultureInfo("en")];
            o.SupportedUICultures = o.SupportedCultures;
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSerilogRequestLogging();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapMediaBibApi();
        app.MapOpacEndpoints();
        app.MapPatronSignInEndpoints();
        app.MapPatronApi();
        app.MapDeskEndpoints();
        app.MapRfidPads();
        app.MapCatalogueEndpoints();
        app.MapBenchDiagnostics();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
