using Microsoft.AspNetCore.Authentication;

namespace MediaBib.Web.Rfid;

public static class RfidSetup
{
    /// <summary>The pad hub's authentication (device keys), its policy and the in-memory registry of pads on this node.</summary>
    public static IServiceCollection AddRfidPads(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, RfidPadAuthenticationHandler>(RfidPadAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(RfidPadAuthenticationHandler.PolicyName, p => p
            .AddAuthenticationSchemes(RfidPadAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        services.AddSingleton<RfidPadRegistry>();
        return services;
    }

    public static WebApplication MapRfidPads(this WebApplication app)
    {
        app.MapHub<RfidPadHub>(RfidPadHub.Path);
        return app;
    }
}
