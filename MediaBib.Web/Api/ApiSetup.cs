using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace MediaBib.Web.Api;

/// <summary>The REST API under <c>/api/v1</c>: OpenAPI document, reference page, problem details, endpoints.</summary>
public static class ApiSetup
{
    public const string OpenApiPath = "/api/v1/openapi.json";
    public const string DoorScheme = "MediaBib";

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>401 or 403 as an RFC 7807 document with a stable reason code.</summary>
    internal static Task WriteAuthProblemAsync(HttpContext context, int status)
    {
        var code = status == StatusCodes.Status401Unauthorized ? "auth.unauthenticated" : "auth.forbidden";
        var detail = status == StatusCodes.Status401Unauthorized
            ? "Authentification requise : jeton « Bearer » ou session du personnel."
            : "Vos droits ne permettent pas cette opération.";
        var problem = status == StatusCodes.Status403Forbidden
            ? ApiProblems.Forbidden(code, detail)
            : Results.Problem(statusCode: status, title: "Non authentifié", detail: detail,
                type: ApiProblems.TypeBase + code, extensions: new Dictionary<string, object?> { ["reasonCode"] = code });
        return problem.ExecuteAsync(context);
    }

    public static IServiceCollection AddMediaBibApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "MediaBib API";
            document.Info.Description = "Circulation, catalogue et lecteurs. Authentification : jeton « Bearer mbk_… » ou session du personnel. Erreurs : RFC 7807 avec reasonCode.";
            return Task.CompletedTask;
        }));
        // One default scheme for every door: a bearer token when the request carries one, else the staff cookie.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = DoorScheme;
                o.DefaultChallengeScheme = DoorScheme;
                o.DefaultForbidScheme = DoorScheme;
            })
            .AddPolicyScheme(DoorScheme, "Staff cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, o =>
            {
                o.ForwardChallenge = null;
            });
        services.ConfigureApplicationCookie(o =>
        {
            // The API answers 401/403 problem documents instead of redirecting to the sign-in page.
            var redirectToLogin = o.Events.OnRedirectToLogin;
            var redirectToAccessDenied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToLogin = context => IsApi(context.Request)
                ? WriteAuthProblemAsync(context.HttpContext, StatusCodes.Status401Unauthorized)
                : redirectToLogin(context);
            o.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
                ? WriteAuthProblemAsync(context.HttpContext, StatusCodes.Status403Forbidden)
                : redirectToAccessDenied(context);
        });
        return services;
    }

    public static WebApplication MapMediaBibApi(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("MediaBib API").WithOpenApiRoutePattern(OpenApiPath)).AllowAnonymous();
        var api = app.MapGroup("/api/v1")
            .DisableAntiforgery()
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (BadHttpRequestException ex)
                {
                    return ApiProblems.Invalid("body", "validation.malformed", "La requête est mal formée : " + ex.Message);
                }
            });
        api.MapCatalogApi();
        api.MapCirculationApi();
        return app;
    }
}
