using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Circulation;

namespace MediaBib.Web.Api;

/// <summary>
/// The single mapping from refusals and invalid input to RFC 7807 problem documents. Every API error carries a
/// stable <c>reasonCode</c> (and <c>reasonCodes</c> when several refusals apply) and a French <c>detail</c>.
/// </summary>
public static class ApiProblems
{
    public const string TypeBase = "https://mediabib.example/problems/";

    public static IResult Refused(IReadOnlyList<RefusalReason> reasons)
    {
        var first = reasons[0];
        var status = first switch
        {
            RefusalReason.ItemUnknown or RefusalReason.PatronUnknown or RefusalReason.LoanUnknown
                or RefusalReason.HoldUnknown or RefusalReason.FineUnknown => StatusCodes.Status404NotFound,
            RefusalReason.FineAmountInvalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
        return Results.Problem(
            title: status == StatusCodes.Status404NotFound ? "Introuvable" : "Opération refusée",
            detail: string.Join(" ", reasons.Select(RefusalMessages.French)),
            statusCode: status,
            type: TypeBase + first.Code(),
            extensions: new Dictionary<string, object?>
            {
                ["reasonCode"] = first.Code(),
                ["reasonCodes"] = reasons.Select(r => r.Code()).ToArray(),
                ["overridable"] = reasons.All(r => r.CanOverride()),
            });
    }

    public static IResult From<T>(Outcome<T> outcome, Func<T, IResult> onSuccess) where T : class =>
        outcome.Succeeded ? onSuccess(outcome.Value!) : Refused(outcome.Refusals);

    /// <summary>403 for an action the caller's permissions do not cover (forcing a loan, waiving a fine).</summary>
    public static IResult Forbidden(string code, string detail) => Results.Problem(
        title: "Interdit",
        detail: detail,
        statusCode: StatusCodes.Status403Forbidden,
        type: TypeBase + code,
        extensions: new Dictionary<string, object?> { ["reasonCode"] = code });

    public static IResult NotFound(string what) => Results.Problem(
        title: "Introuvable",
        detail: what,
        statusCode: StatusCodes.Status404NotFound,
        type: TypeBase + "not_found",
        extensions: new Dictionary<string, object?> { ["reasonCode"] = "not_found" });

    public static IResult Invalid(string field, string code, string message) => Results.Problem(
        title: "Requête invalide",
        detail: message,
        statusCode: StatusCodes.Status400BadRequest,
        type: TypeBase + code,
        extensions: new Dictionary<string, object?>
        {
            ["reasonCode"] = code,
            ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
        });

    public static IResult Invalid(ValidationException error) =>
        Invalid(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(error.Field), error.Code, FrenchValidation(error));

    public static string FrenchValidation(ValidationException error) => error.Error switch
    {
        ValidationError.Required => "Ce champ est obligatoire.",
        ValidationError.TooLong => "Ce champ est trop long.",
        ValidationError.Negative => "La valeur ne peut pas être négative.",
        ValidationError.InvalidFormat => "Le format n'est pas valide.",
        ValidationError.InvalidChecksum => "La clé de contrôle n'est pas valide.",
        ValidationError.Duplicate => "Cette valeur existe déjà.",
        ValidationError.OutOfRange => "La valeur est hors des limites permises.",
    };
}
