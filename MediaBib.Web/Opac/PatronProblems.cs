using MediaBib.Web.Api;

namespace MediaBib.Web.Opac;

/// <summary>RFC 7807 answers of the patron API that are not circulation refusals (those go through <see cref="ApiProblems"/>).</summary>
public static class PatronProblems
{
    public static IResult Unauthenticated() => Problem(StatusCodes.Status401Unauthorized, "Non authentifié", "auth.unauthenticated",
        "Authentification requise : jeton lecteur « Bearer mbp_… » obtenu par POST /api/v1/opac/token.");

    public static IResult InvalidCredentials() => Problem(StatusCodes.Status401Unauthorized, "Identification refusée", "auth.invalid_credentials",
        "Numéro de carte ou mot de passe incorrect.");

    public static IResult LockedOut() => Problem(StatusCodes.Status423Locked, "Compte verrouillé", "auth.locked_out",
        "Trop d'essais infructueux : le compte est verrouillé pendant 30 minutes.");

    public static IResult RateLimited() => Problem(StatusCodes.Status429TooManyRequests, "Trop de tentatives", "auth.rate_limited",
        "Trop de tentatives de connexion depuis cette adresse : réessayez dans une minute.");

    private static IResult Problem(int status, string title, string code, string detail) => Results.Problem(
        title: title,
        detail: detail,
        statusCode: status,
        type: ApiProblems.TypeBase + code,
        extensions: new Dictionary<string, object?> { ["reasonCode"] = code });
}
