using System.Text.Json.Serialization;
using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Web.Api;
using MediaBib.Web.Security;

namespace MediaBib.Web.Opac;

/// <summary>
/// The patron's account over REST: <c>POST /api/v1/opac/token</c> (card + password → short-lived bearer token), then
/// <c>/api/v1/opac/account</c> with <c>Authorization: Bearer mbp_…</c>. Renewals and holds go through the same engine
/// as the desk; refusals are RFC 7807 documents with the engine's <c>reasonCode</c>.
/// </summary>
public static class PatronApi
{
    public static WebApplication MapPatronApi(this WebApplication app)
    {
        var opac = app.MapGroup("/api/v1/opac").DisableAntiforgery().WithTags("OPAC – compte lecteur");
        opac.MapPost("/token", TokenAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit.Policy)
            .WithSummary("Obtenir un jeton lecteur (numéro de carte + mot de passe du catalogue), valable 30 minutes");
        var account = opac.MapGroup("/account").RequireAuthorization(PatronSecurity.ApiPolicy);
        account.MapGet("", AccountAsync).WithSummary("Prêts, réservations, amendes et suspension du lecteur");
        account.MapPost("/loans/{id:guid}/renew", RenewAsync).WithSummary("Prolonger un prêt");
        account.MapPost("/loans/renew", RenewAllAsync).WithSummary("Prolonger tous les prêts qui peuvent l'être");
        account.MapPost("/holds", PlaceHoldAsync).WithSummary("Réserver une notice (bibliothèque de retrait au choix)");
        account.MapDelete("/holds/{id:guid}", CancelHoldAsync).WithSummary("Annuler une réservation");
        return app;
    }

    public sealed record TokenRequest(
        [property: JsonPropertyName("card_number")] string? CardNumber,
        [property: JsonPropertyName("password")] string? Password);

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("expires_at")] DateTime ExpiresAt);

    public sealed record HoldRequest(
        [property: JsonPropertyName("record_id")] Guid? RecordId,
        [property: JsonPropertyName("pickup_library_id")] Guid? PickupLibraryId);

    public sealed record AccountDto(
        string CardNumber, string FirstName, string LastName, string HomeLibrary, DateOnly ExpiresOn, bool Blocked,
        DateOnly? SuspendedUntil, decimal Balance, IReadOnlyList<AccountLoanDto> Loans, IReadOnlyList<AccountHoldDto> Holds,
        IReadOnlyList<AccountFineDto> Fines);

    public sealed record AccountLoanDto(Guid Id, Guid RecordId, string Title, string ItemBarcode, string Library, DateTime DueAt, int RenewalCount, bool Overdue);

    public sealed record AccountHoldDto(
        Guid Id, Guid RecordId, string Title, string Status, int? Position, Guid PickupLibraryId, string PickupLibrary,
        DateOnly? PickupDeadline, DateOnly? SuspendedUntil);

    public sealed record AccountFineDto(Guid Id, string Kind, string Description, decimal Amount, decimal Outstanding);

    private static async Task<IResult> TokenAsync(HttpContext http, TokenRequest? request, PatronCredentials credentials, PatronTokens tokens)
    {
        var origin = RequestOrigin.From(http);
        var result = await credentials.SignInAsync(request?.CardNumber, request?.Password,
            new SignInOrigin(origin.Ip, origin.UserAgent, origin.RequestId), http.RequestAborted);
        switch (result.Status)
        {
            case PatronSignInStatus.Succeeded:
                var (token, expires) = tokens.Issue(result.Patron!);
                return Results.Ok(new TokenResponse(token, "Bearer", (int)PatronTokens.Lifetime.TotalSeconds, expires));
            case PatronSignInStatus.LockedOut:
                return PatronProblems.LockedOut();
            case PatronSignInStatus.Invalid:
            default:
                return PatronProblems.InvalidCredentials();
        }
    }

    private static async Task<IResult> AccountAsync(HttpContext http, PatronAccountQueries queries)
    {
        var account = await queries.AccountAsync(PatronSecurity.PatronId(http.User)!.Value, http.RequestAborted);
        if (account is null)
        {
            return PatronProblems.Unauthenticated();
        }

        return Results.Ok(new AccountDto(
            account.CardNumber, account.FirstName, account.LastName, account.HomeLibrary, account.ExpiresOn, account.IsBlocked,
            account.IsSuspended ? account.SuspendedUntil : null, account.Outstanding,
            [.. account.Loans.Select(l => new AccountLoanDto(l.LoanId, l.RecordId, l.Title, l.Barcode, l.Library, l.DueAt, l.RenewalCount, l.IsOverdue))],
            [.. account.Holds.Select(h => new AccountHoldDto(h.HoldId, h.RecordId, h.Title, OpacAccountText.HoldStatusCode(h.Status), h.Position,
                h.PickupLibraryId, h.PickupLibrary, h.PickupDeadline, h.IsSuspended ? h.SuspendedUntil : null))],
            [.. account.Fines.Select(f => new AccountFineDto(f.FineId, f.Kind.ToString(), f.Description, f.Amount, f.Outstanding))]));
    }

    private static async Task<IResult> RenewAsync(HttpContext http, Guid id, PatronAccountQueries queries, CirculationDesk desk)
    {
        var patronId = PatronSecurity.PatronId(http.User)!.Value;
        if (!await queries.OwnsOpenLoanAsync(patronId, id, http.RequestAborted))
        {
            return ApiProblems.Refused([RefusalReason.LoanUnknown]);
        }

        var outcome = await desk.RenewAsync(PatronSecurity.ActorOf(http.User, http), id, null, http.RequestAborted);
        return ApiProblems.From(outcome, r => Results.Ok(new { loanId = r.LoanId, dueAt = r.DueAt, renewalCount = r.RenewalCount }));
    }

    private static async Task<IResult> RenewAllAsync(HttpContext http, CirculationDesk desk)
    {
        var receipt = await desk.RenewAllAsync(PatronSecurity.ActorOf(http.User, http), PatronSecurity.PatronId(http.User)!.Value, http.RequestAborted);
        return Results.Ok(new
        {
            loans = receipt.Loans.Select(l => new
            {
                loanId = l.LoanId,
                renewed = l.Outcome.Succeeded,
                dueAt = l.Outcome.Value?.DueAt,
                reasonCodes = l.Outcome.Refusals.Select(r => r.Code()).ToArray(),
                messages = l.Outcome.Refusals.Select(RefusalMessages.French).ToArray(),
            }),
        });
    }

    private static async Task<IResult> PlaceHoldAsync(HttpContext http, HoldRequest? request, HoldService holds)
    {
        if (request?.RecordId is not { } recordId)
        {
            return ApiProblems.Invalid("record_id", "validation.required", "Indiquez la notice à réserver (record_id).");
        }

        if (request.PickupLibraryId is not { } pickup)
        {
            return ApiProblems.Invalid("pickup_library_id", "validation.required", "Indiquez la bibliothèque de retrait (pickup_library_id).");
        }

        var outcome = await holds.PlaceAsync(PatronSecurity.ActorOf(http.User, http), PatronSecurity.PatronId(http.User)!.Value, recordId, pickup,
            ct: http.RequestAborted);
        return ApiProblems.From(outcome, r => Results.Created($"/api/v1/opac/account", new
        {
            holdId = r.HoldId, recordId = r.RecordId, status = r.Status.ToString(), position = r.Position,
        }));
    }

    private static async Task<IResult> CancelHoldAsync(HttpContext http, Guid id, HoldService holds)
    {
        var patronId = PatronSecurity.PatronId(http.User)!.Value;
        var outcome = await holds.CancelAsync(PatronSecurity.ActorOf(http.User, http), id, patronId, "Annulée par le lecteur", http.RequestAborted);
        return ApiProblems.From(outcome, _ => Results.NoContent());
    }
}
