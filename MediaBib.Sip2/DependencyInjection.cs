using MediaBib.Sip2.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MediaBib.Sip2;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the SIP2 server: options (section "Sip2", validated at start), the session factory and the
    /// <see cref="Sip2Listener"/> hosted service. The caller registers the <see cref="Library.ISip2Library"/>
    /// implementation (the circulation engine adapter).
    /// </summary>
    public static IServiceCollection AddSip2Services(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Sip2Options>().Bind(configuration.GetSection(Sip2Options.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Sip2Options>, Sip2OptionsValidator>();
        services.AddSingleton<Sip2SessionFactory>();
        services.AddSingleton<Sip2Listener>();
        services.AddHostedService(sp => sp.GetRequiredService<Sip2Listener>());
        return services;
    }
}
