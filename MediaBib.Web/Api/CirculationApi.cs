using System.Text.Json.Serialization;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Web.Api;

/// <summary>Loans, holds and fines: the circulation engine behind <c>/api/v1</c> (same services as the desk).</summary>
public static class CirculationApi
{
    public static RouteGroupBuilder MapCirculationApi(this RouteGroupBuilder api)
    {
        var loans = api.MapGroup("/loans").WithTags("Prêts");
        loans.MapGet("/", ListLoansAsync).RequireAuthorization(Permission.PatronsView.PolicyName());
        loans.MapPost("/", CheckOutAsync).RequireAuthorization(Permission.LoansCheckout.PolicyName());
        loans.MapPost("/{id:guid}/return", ReturnAsync).RequireAuthorization(Permission.ReturnsCheckin.PolicyName());
        loans.MapPost("/{id:guid}/renew", RenewAsync).RequireAuthorization(Permission.Renewals.PolicyName());

        var holds = api.MapGroup("/holds").WithTags("Réservations");
        holds.MapGet("/", ListHoldsAsync).RequireAuthorization(Permission.Holds.PolicyName());
        holds.MapPost("/", PlaceHoldAsync).RequireAuthorization(Permission.Holds.PolicyName());
        holds.MapDelete("/{id:guid}", CancelHoldAsync).RequireAuthorization(Permission.Holds.PolicyName());

        var fines = api.MapGroup("/fines").WithTags("Amendes");
        fines.MapGet("/", ListFinesAsync).RequireAuthorization(Permission.PatronsView.PolicyName());
        fines.MapPost("/", ChargeAsync).RequireAuthorization(Permission.FinesCollect.PolicyName());
        fines.MapPost("/{id:guid}/payments", PayAsync).RequireAuthorization(Permission.FinesCollect.PolicyName());
        return api;
    }

    public sealed record CheckoutRequest(
        [property: JsonPropertyName("patron_barcode")] string? PatronBarcode,
        [property: JsonPropertyName("item_barcode")] string? ItemBarcode,
        [property: JsonPropertyName("override_reason")] string? OverrideReason,
        [property: JsonPropertyName("on_site")] bool OnSite = false);

    public sealed record RenewRequest([property: JsonPropertyName("override_reason")] string? OverrideReason);

    public sealed record HoldRequest(
        [property: JsonPropertyName("patron_barcode")] string? PatronBarcode,
        [property: JsonPropertyName("record_id")] Guid? RecordId,
        [property: JsonPropertyName("item_barcode")] string? ItemBarcode,
        [property: JsonPropertyName("pickup_library_id")] Guid? PickupLibraryId,
        [property: JsonPropertyName("not_needed_after")] DateOnly? NotNeededAfter,
        [property: JsonPropertyName("override_reason")] string? OverrideReason);

    public sealed record ChargeRequest(
        [property: JsonPropertyName("patron_id")] Guid PatronId,
        [property: JsonPropertyName("amount")] decimal Amount,
        [property: JsonPropertyName("description")] string? Description);

    public sealed record PaymentRequest(
        [property: JsonPropertyName("amount")] decimal? Amount,
        [property: JsonPropertyName("method")] string? Method,
        [property: JsonPropertyName("waive_reason")] string? WaiveReason);

    public sealed record LoanDto(Guid Id, Guid ItemId, string ItemBarcode, string Title, Guid? PatronId, Guid LibraryId, DateTime CheckedOutAt, DateTime DueAt, DateTime? ReturnedAt, int RenewalCount, bool Overdue);

    public sealed record HoldDto(Guid Id, Guid RecordId, string Title, Guid? PatronId, Guid PickupLibraryId, string Status, DateTime RequestedAt, Guid? ItemId, DateOnly? PickupDeadline, DateOnly? SuspendedUntil);

    public sealed record FineDto(Guid Id, Guid? PatronId, Guid? LoanId, string Kind, string Status, decimal Amount, decimal AmountPaid, decimal AmountWaived, decimal Outstanding, string Description, DateTime CreatedAt);

    private static async Task<IResult> CheckOutAsync(CheckoutRequest request, HttpContext http, CirculationDesk desk, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.PatronBarcode))
        {
            return ApiProblems.Invalid("patron_barcode", "validation.required", "Le numéro de carte du lecteur est obligatoire.");
        }

        if (string.IsNullOrWhiteSpace(request.ItemBarcode))
        {
            return ApiProblems.Invalid("item_barcode", "validation.required", "Le code-barres de l'exemplaire est obligatoire.");
        }

        var actor = ApiActor.From(http);
        if (actor.LibraryId is not { } library)
        {
            return ApiProblems.Invalid("library", "staff.no_library", "Aucune bibliothèque de travail n'est associée à ce compte.");
        }

        if (!string.IsNullOrWhiteSpace(request.OverrideReason) && !await ApiActor.MayAsync(http, Permission.CheckoutOverride))
        {
            return ApiProblems.Forbidden("auth.override_forbidden", "Forcer un prêt demande l'autorisation de dérogation.");
        }

        var outcome = await desk.CheckOutAsync(actor, library, request.PatronBarcode, request.ItemBarcode, request.OverrideReason, request.OnSite, ct);
        return ApiProblems.From(outcome, r => Results.Created($"/api/v1/loans/{r.LoanId}", new
        {
            id = r.LoanId,
            itemId = r.ItemId,
            patronId = r.PatronId,
            dueAt = r.DueAt,
            fulfilledHoldId = r.FulfilledHoldId,
            overridden = r.Overridden.Select(o => o.Code()),
        }));
    }

    private static async Task<IResult> ReturnAsync(Guid id, HttpContext http, CirculationDesk desk, IDbContextFactory<MediaBibDbContext> contexts, CancellationToken ct)
    {
        var actor = ApiActor.From(http);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loan = await db.Loans.AsNoTracking()
            .Where(l => l.Id == id)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new { l.ReturnedAt, i.Barcode })
            .SingleOrDefaultAsync(ct);
        if (loan is null)
        {
            return ApiProblems.Refused([RefusalReason.LoanUnknown]);
        }

        if (loan.ReturnedAt is not null)
        {
            return ApiProblems.Refused([RefusalReason.LoanAlreadyReturned]);
        }

        var library = actor.LibraryId ?? Guid.Empty;
        var outcome = await desk.CheckInAsync(actor, library, loan.Barcode.Value, ct);
        return ApiProblems.From(outcome, o => Results.Ok(new
        {
            loanId = o.LoanId,
            itemId = o.ItemId,
            barcode = o.Barcode,
            destination = o.Destination.ToString(),
            destinationLibraryId = o.DestinationLibraryId,
            overdueDays = o.OverdueDays,
            fineAmount = o.FineAmount,
            suspendedUntil = o.SuspendedUntil,
            holdId = o.HoldId,
            pickupDeadline = o.PickupDeadline,
            transitId = o.NewTransitId,
        }));
    }

    private static async Task<IResult> RenewAsync(Guid id, RenewRequest? request, HttpContext http, CirculationDesk desk, CancellationToken ct)
    {
        var overrideReason = request?.OverrideReason;
        if (!string.IsNullOrWhiteSpace(overrideReason) && !await ApiActor.MayAsync(http, Permission.CheckoutOverride))
        {
            return ApiProblems.Forbidden("auth.override_forbidden", "Forcer une prolongation demande l'autorisation de dérogation.");
        }

        var outcome = await desk.RenewAsync(ApiActor.From(http), id, overrideReason, ct);
        return ApiProblems.From(outcome, r => Results.Ok(new { loanId = r.LoanId, dueAt = r.DueAt, renewalCount = r.RenewalCount }));
    }

    private static async Task<IResult> ListLoansAsync(
        IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock, Guid? patronId, Guid? itemId, bool? open, bool? overdue, int? page, int? pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Loans.AsNoTracking().AsQueryable();
        if (patronId is { } p)
        {
            query = query.Where(l => l.PatronId == p);
        }

        if (itemId is { } i)
        {
            query = query.Where(l => l.ItemId == i);
        }

        if (open is { } o)
        {
            query = o ? query.Where(l => l.ReturnedAt == null) : query.Where(l => l.ReturnedAt != null);
        }

        if (overdue == true)
        {
            query = query.Where(l => l.ReturnedAt == null && l.DueAt < now);
        }

        var rows = query
            .OrderByDescending(l => l.CheckedOutAt).ThenBy(l => l.Id)
            .Join(db.Items, l => l.ItemId, it => it.Id, (l, it) => new { l, it.Barcode, it.RecordId })
            .Join(db.Records, x => x.RecordId, r => r.Id, (x, r) => new { x.l, x.Barcode, r.Title })
            .Select(x => new LoanDto(
                x.l.Id, x.l.ItemId, x.Barcode.Value, x.Title, x.l.PatronId, x.l.LibraryId, x.l.CheckedOutAt, x.l.DueAt,
                x.l.ReturnedAt, x.l.RenewalCount, x.l.ReturnedAt == null && x.l.DueAt < now));
        return Results.Ok(await Paging.PageAsync(rows, page, pageSize, ct));
    }

    private static async Task<IResult> PlaceHoldAsync(HoldRequest request, HttpContext http, HoldService holds, IDbContextFactory<MediaBibDbContext> contexts, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.PatronBarcode))
        {
            return ApiProblems.Invalid("patron_barcode", "validation.required", "Le numéro de carte du lecteur est obligatoire.");
        }

        if (request.RecordId is null && string.IsNullOrWhiteSpace(request.ItemBarcode))
        {
            return ApiProblems.Invalid("record_id", "validation.required", "Indiquez la notice (record_id) ou l'exemplaire (item_barcode).");
        }

        var actor = ApiActor.From(http);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.PatronAsync(request.PatronBarcode, ct) is not var (patron, _))
        {
            return ApiProblems.Refused([RefusalReason.PatronUnknown]);
        }

        var recordId = request.RecordId;
        Guid? itemId = null;
        if (!string.IsNullOrWhiteSpace(request.ItemBarcode))
        {
            if (!MediaBib.Domain.Common.Barcode.TryFrom(request.ItemBarcode, out var barcode))
            {
                return ApiProblems.Refused([RefusalReason.ItemUnknown]);
            }

            var item = await db.Items.AsNoTracking().Where(i => i.Barcode == barcode).Select(i => new { i.Id, i.RecordId }).SingleOrDefaultAsync(ct);
            if (item is null)
            {
                return ApiProblems.Refused([RefusalReason.ItemUnknown]);
            }

            (itemId, recordId) = (item.Id, item.RecordId);
        }

        var pickup = request.PickupLibraryId ?? actor.LibraryId ?? patron.HomeLibraryId;
        var outcome = await holds.PlaceAsync(actor, patron.Id, recordId!.Value, pickup, itemId, request.NotNeededAfter, request.OverrideReason, ct);
        return ApiProblems.From(outcome, r => Results.Created($"/api/v1/holds/{r.HoldId}", new
        {
            id = r.HoldId,
            recordId = r.RecordId,
            status = r.Status.ToString(),
            position = r.Position,
        }));
    }

    private static async Task<IResult> CancelHoldAsync(Guid id, HttpContext http, HoldService holds, string? reason, CancellationToken ct)
    {
        var outcome = await holds.CancelAsync(ApiActor.From(http), id, null, reason, ct);
        return ApiProblems.From(outcome, r => Results.Ok(new { id = r.HoldId, status = r.Status.ToString() }));
    }

    private static async Task<IResult> ListHoldsAsync(IDbContextFactory<MediaBibDbContext> contexts, Guid? patronId, Guid? recordId, bool? active, int? page, int? pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Holds.AsNoTracking().AsQueryable();
        if (patronId is { } p)
        {
            query = query.Where(h => h.PatronId == p);
        }

        if (recordId is { } r)
        {
            query = query.Where(h => h.RecordId == r);
        }

        if (active != false)
        {
            query = query.Where(h => Domain.Holds.Hold.ActiveStatuses.Contains(h.Status));
        }

        var rows = query
            .OrderBy(h => h.RequestedAt).ThenBy(h => h.Id)
            .Join(db.Records, h => h.RecordId, rec => rec.Id, (h, rec) => new { h, rec.Title })
            .Select(x => new HoldDto(
                x.h.Id, x.h.RecordId, x.Title, x.h.PatronId, x.h.PickupLibraryId, x.h.Status.ToString(), x.h.RequestedAt, x.h.ItemId,
                x.h.PickupDeadline, x.h.SuspendedUntil));
        return Results.Ok(await Paging.PageAsync(rows, page, pageSize, ct));
    }

    private static async Task<IResult> ListFinesAsync(IDbContextFactory<MediaBibDbContext> contexts, Guid? patronId, bool? open, int? page, int? pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Fines.AsNoTracking().AsQueryable();
        if (patronId is { } p)
        {
            query = query.Where(f => f.PatronId == p);
        }

        if (open == true)
        {
            query = query.Where(f => f.Status == FineStatus.Open || f.Status == FineStatus.Accruing);
        }

        var rows = query
            .OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id)
            .Select(f => new FineDto(f.Id, f.PatronId, f.LoanId, f.Kind.ToString(), f.Status.ToString(), f.Amount, f.AmountPaid,
                f.AmountWaived, f.Amount - f.AmountPaid - f.AmountWaived, f.Description, f.CreatedAt));
        return Results.Ok(await Paging.PageAsync(rows, page, pageSize, ct));
    }

    private static async Task<IResult> ChargeAsync(ChargeRequest request, HttpContext http, FineService fines, CancellationToken ct)
    {
        if (request.Amount <= 0)
        {
            return ApiProblems.Invalid("amount", "validation.out_of_range", "Le montant doit être positif.");
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            return ApiProblems.Invalid("description", "validation.required", "Le motif est obligatoire.");
        }

        var outcome = await fines.ChargeAsync(ApiActor.From(http), request.PatronId, request.Amount, request.Description, ct);
        return ApiProblems.From(outcome, r => Results.Created($"/api/v1/fines/{r.FineId}", r));
    }

    private static async Task<IResult> PayAsync(Guid id, PaymentRequest request, HttpContext http, FineService fines, CancellationToken ct)
    {
        if (request.Amount is <= 0)
        {
            return ApiProblems.Invalid("amount", "validation.out_of_range", "Le montant doit être positif.");
        }

        var actor = ApiActor.From(http);
        if (string.Equals(request.Method, "waiver", StringComparison.OrdinalIgnoreCase))
        {
            if (!await ApiActor.MayAsync(http, Permission.FinesWaive))
            {
                return ApiProblems.Forbidden("auth.waive_forbidden", "Remettre une amende demande l'autorisation correspondante.");
            }

            if (string.IsNullOrWhiteSpace(request.WaiveReason))
            {
                return ApiProblems.Invalid("waive_reason", "validation.required", "Le motif de la remise est obligatoire.");
            }

            return ApiProblems.From(await fines.WaiveAsync(actor, id, request.Amount, request.WaiveReason, ct), Results.Ok);
        }

        if (!Enum.TryParse<PaymentMethod>(request.Method ?? "Cash", ignoreCase: true, out var method) || method == PaymentMethod.Waiver)
        {
            return ApiProblems.Invalid("method", "validation.invalid_format", "Moyen de paiement inconnu (cash, card, cheque, online, waiver).");
        }

        return ApiProblems.From(await fines.PayAsync(actor, id, request.Amount, method, ct), Results.Ok);
    }
}
