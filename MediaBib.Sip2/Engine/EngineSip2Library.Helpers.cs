using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Sip2.Library;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MediaBib.Sip2.Engine;

public sealed partial class EngineSip2Library
{
    /// <summary>The audit actor of everything a kiosk does: kind Terminal, named after its login.</summary>
    internal static Actor ActorOf(Sip2Context context) => new(ActorKind.Terminal, context.Terminal.Login);

    /// <summary>The terminal's library (from the cached circulation settings, like every library code).</summary>
    private async Task<Guid> LibraryIdAsync(Sip2Context context, CancellationToken ct) =>
        await LibraryIdByCodeAsync(context.Terminal.LibraryCode, ct)
        ?? throw new InvalidOperationException($"The library {context.Terminal.LibraryCode} of terminal {context.Terminal.Login} does not exist.");

    private async Task<Guid?> LibraryIdByCodeAsync(string code, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CirculationSettings.For(db).LibraryIdAsync(db, code, ct);
    }

    private async Task<(Guid Id, string Code)?> PickupAsync(Sip2Context context, string? pickupLocation, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(pickupLocation))
        {
            return (await LibraryIdAsync(context, ct), context.Terminal.LibraryCode);
        }

        LibraryCode code;
        try
        {
            code = LibraryCode.From(pickupLocation);
        }
        catch (ValidationException)
        {
            return null;
        }

        return await LibraryIdByCodeAsync(code.Value, ct) is { } found ? (found, code.Value) : null;
    }

    /// <summary>What the protocol needs to know about an item, in one round trip.</summary>
    private sealed record ItemFacts(
        Guid Id, Guid RecordId, string Title, ItemStatus Status, string HomeLibraryCode, string CurrentLibraryCode, string? ItemTypeCode,
        string? SectionCode, string? CallNumber, Guid? OpenLoanId, DateTime? DueAt, string? BorrowerCard, int HoldQueue, DateOnly? PickupDeadline);

    private async Task<ItemFacts?> ItemFactsAsync(string barcodeText, CancellationToken ct)
    {
        if (!Barcode.TryFrom(barcodeText, out var barcode))
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await ItemFactsQuery(db, barcode, ct);
        return row is null
            ? null
            : new ItemFacts(row.Id, row.RecordId, row.Title ?? "", row.Status, row.Home.Value ?? "", row.Current.Value ?? "", row.Type, row.Section,
                row.CallNumber, row.LoanId, row.DueAt, row.Card?.Value, row.Queue, row.Deadline);
    }

    private sealed record ItemFactsRow(
        Guid Id, Guid RecordId, string? Title, ItemStatus Status, LibraryCode Home, LibraryCode Current, string? Type, string? Section,
        string? CallNumber, Guid? LoanId, DateTime? DueAt, CardNumber? Card, int Queue, DateOnly? Deadline);

    // Read before every kiosk checkout and checkin: compiled once, so the message skips LINQ translation and the query
    // cache's hashing of this large tree. The open loan is a LEFT JOIN (one per item, unique in the database), not a
    // FirstOrDefault() subquery, which PostgreSQL would run as a ROW_NUMBER() over every open loan of the network.
    private static readonly Func<MediaBibDbContext, Barcode, CancellationToken, Task<ItemFactsRow?>> ItemFactsQuery =
        EF.CompileAsyncQuery((MediaBibDbContext db, Barcode barcode, CancellationToken ct) =>
            (from i in db.Items.AsNoTracking()
             where i.Barcode == barcode
             from l in db.Loans.Where(l => l.ItemId == i.Id && l.ReturnedAt == null).DefaultIfEmpty()
             select new ItemFactsRow(
                 i.Id,
                 i.RecordId,
                 db.Records.Where(r => r.Id == i.RecordId).Select(r => r.Title).FirstOrDefault(),
                 i.Status,
                 db.Libraries.Where(x => x.Id == i.HomeLibraryId).Select(x => x.Code).FirstOrDefault(),
                 db.Libraries.Where(x => x.Id == i.CurrentLibraryId).Select(x => x.Code).FirstOrDefault(),
                 db.ItemTypes.Where(t => t.Id == i.ItemTypeId).Select(t => t.Code).FirstOrDefault(),
                 db.Set<Domain.Sites.Section>().Where(x => x.Id == i.SectionId).Select(x => x.Code).FirstOrDefault(),
                 i.CallNumber,
                 l == null ? null : l.Id,
                 l == null ? null : l.DueAt,
                 l == null ? null : db.Patrons.Where(p => p.Id == l.PatronId).Select(p => (CardNumber?)p.CardNumber).FirstOrDefault(),
                 db.Holds.Count(h => h.RecordId == i.RecordId && Hold.ActiveStatuses.Contains(h.Status)),
                 db.Holds.Where(h => h.ItemId == i.Id && h.Status == HoldStatus.Waiting).Select(h => h.PickupDeadline).FirstOrDefault()))
            .FirstOrDefault());

    private static async Task<Item?> ItemEntityAsync(MediaBibDbContext db, string barcodeText, CancellationToken ct) =>
        Barcode.TryFrom(barcodeText, out var barcode) ? await db.Items.FirstOrDefaultAsync(i => i.Barcode == barcode, ct) : null;

    private async Task<string?> CardOfAsync(string patronIdentifier, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.PatronAsync(patronIdentifier, ct) is var (patron, _) ? patron.CardNumber.Value : null;
    }

    /// <summary>A refusal when the command carries a patron password (AD) that does not match the OPAC password.</summary>
    private async Task<Sip2Refusal?> PasswordRefusalAsync(string patronIdentifier, string? password, CancellationToken ct)
    {
        if (password is null)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.PatronAsync(patronIdentifier, ct) is not var (patron, _))
        {
            return Refusal([RefusalReason.PatronUnknown]);
        }

        return VerifyPatronPassword(patron, password) ? null : new Sip2Refusal(ReasonCodes.PatronPasswordInvalid, ScreenTexts.PatronPasswordInvalid);
    }

    /// <summary>Checks AD against the OPAC password hash; a patron without an OPAC password has no valid password.</summary>
    internal static bool VerifyPatronPassword(Patron patron, string password) =>
        patron.OpacPasswordHash is { Length: > 0 } hash
        && PatronHasher.VerifyHashedPassword(patron, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>The engine's refusals as one SIP2 refusal: the first reason's stable code, every French text.</summary>
    internal static Sip2Refusal Refusal(IReadOnlyList<RefusalReason> reasons) =>
        reasons.Count == 0
            ? new Sip2Refusal(RefusalReason.ItemNotAvailable.Code(), RefusalMessages.French(RefusalReason.ItemNotAvailable))
            : new Sip2Refusal(reasons[0].Code(), string.Join(" ", reasons.Distinct().Select(RefusalMessages.French)));

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>SIP2 circulation status (01–13) of an item status.</summary>
    internal static ItemCirculationStatus CirculationStatus(ItemStatus status) => status switch
    {
        ItemStatus.Available => ItemCirculationStatus.Available,
        ItemStatus.OnLoan => ItemCirculationStatus.Charged,
        ItemStatus.OnHoldShelf => ItemCirculationStatus.WaitingOnHoldShelf,
        ItemStatus.InTransit => ItemCirculationStatus.InTransit,
        ItemStatus.InProcessing => ItemCirculationStatus.InProcess,
        ItemStatus.Lost => ItemCirculationStatus.Lost,
        ItemStatus.Missing => ItemCirculationStatus.Missing,
        ItemStatus.ClaimedReturned => ItemCirculationStatus.ClaimedReturned,
        ItemStatus.Damaged => ItemCirculationStatus.Other,
        ItemStatus.Withdrawn => ItemCirculationStatus.Other,
    };

    /// <summary>
    /// A no-block (offline) transaction the engine refused: logged as a warning and recorded in the audit log with the
    /// reasons, so the desk can settle it; it is never dropped silently.
    /// </summary>
    private async Task RecordOfflineRefusalAsync(
        Actor actor, AuditAction action, string kind, string itemBarcode, string? patron, IReadOnlyList<RefusalReason> reasons,
        DateTimeOffset? transactionDate, CancellationToken ct)
    {
        var codes = string.Join(", ", reasons.Select(r => r.Code()));
        LogOfflineRefused(logger, actor.Name, action == AuditAction.Checkout ? "checkout" : "checkin", itemBarcode, codes);
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        Entity? subject = await ItemEntityAsync(db, itemBarcode, ct);
        if (subject is null)
        {
            subject = await db.Sip2Terminals.FirstOrDefaultAsync(t => t.Login == actor.Name, ct);
        }

        var when = transactionDate is { } at ? string.Create(FrenchCulture.Instance, $" du {at.ToLocalTime():dd/MM/yyyy HH:mm}") : "";
        db.RecordAction(action, subject,
            $"Transaction hors ligne refusée ({kind}{when}) : {itemBarcode}{(patron is null ? "" : " → " + patron)} — {codes}",
            AuditSeverity.Warning, new { offline = true, kind, item = itemBarcode, reasons = reasons.Select(r => r.Code()).ToArray() });
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP2 {Terminal}: offline {Kind} of item {Item} refused by the engine ({Reasons}); recorded in the audit log")]
    private static partial void LogOfflineRefused(ILogger logger, string terminal, string kind, string item, string reasons);

    private sealed record HoldTarget(Sip2Refusal? Refusal, Guid PatronId = default, Guid RecordId = default, Guid? ItemId = null, string? Title = null);

    private async Task<HoldTarget> HoldTargetAsync(HoldCommand command, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.PatronAsync(command.PatronIdentifier, ct) is not var (patron, _))
        {
            return new HoldTarget(Refusal([RefusalReason.PatronUnknown]));
        }

        if (command.ItemIdentifier is null || await ItemFactsAsync(command.ItemIdentifier, ct) is not { } item)
        {
            return new HoldTarget(Refusal([RefusalReason.ItemUnknown]));
        }

        return new HoldTarget(null, patron.Id, item.RecordId, item.Id, item.Title);
    }

    /// <summary>A patron with what 23/24/63 report: open loans, policy at the terminal's library, blocks.</summary>
    private sealed record PatronSnapshot(Patron Patron, CirculationPolicy Policy, IReadOnlyList<RefusalReason> Blocks, IReadOnlyList<OpenLoanInfo> Loans)
    {
        public PatronStatus Status(PatronQuery query)
        {
            var flags = PatronFlags.None;
            if (Blocks.Count > 0)
            {
                flags |= PatronFlags.ChargePrivilegesDenied | PatronFlags.RenewalPrivilegesDenied | PatronFlags.HoldPrivilegesDenied;
            }

            if (Blocks.Contains(RefusalReason.PatronBlockedManual))
            {
                flags |= PatronFlags.RecallPrivilegesDenied;
            }

            if (Blocks.Contains(RefusalReason.PatronBlockedFines))
            {
                flags |= PatronFlags.ExcessiveOutstandingFines;
            }

            if (Blocks.Contains(RefusalReason.PatronBlockedOverdue))
            {
                flags |= PatronFlags.TooManyItemsOverdue;
            }

            if (Loans.Count >= Policy.MaxLoans)
            {
                flags |= PatronFlags.TooManyItemsCharged | PatronFlags.ChargePrivilegesDenied;
            }

            bool? passwordValid = query.PatronPassword is null ? null : VerifyPatronPassword(Patron, query.PatronPassword);
            var message = Blocks.Count > 0
                ? string.Join(" ", Blocks.Select(RefusalMessages.French))
                : passwordValid == false ? ScreenTexts.PatronPasswordInvalid : $"Bonjour {Patron.FirstName} !";
            return new PatronStatus(true, Patron.CardNumber.Value, Patron.FullName, flags, passwordValid, Patron.Balance, message);
        }
    }

    private async Task<PatronSnapshot?> PatronSnapshotAsync(MediaBibDbContext db, Sip2Context context, string identifier, CancellationToken ct)
    {
        if (await db.PatronWithLoansAsync(identifier, ct) is not var (patron, category, loans))
        {
            return null;
        }

        var library = await LibraryIdAsync(context, ct);
        var policy = CirculationPolicy.Resolve(await db.RulesAsync(library, null, ct), library, category, null);
        var blocks = PatronBlocks.Evaluate(patron, loans, policy, LibraryTime.Today(Now)).ToList();
        return new PatronSnapshot(patron, policy, blocks, loans);
    }
}

/// <summary>Stable reason codes of refusals decided by the SIP2 adapter itself (not by the engine).</summary>
public static class ReasonCodes
{
    public const string PatronPasswordInvalid = "sip2.patron_password_invalid";
    public const string CancelNotSupported = "sip2.checkin_cancel_not_supported";
    public const string PickupUnknown = "sip2.pickup_unknown";
    public const string AmountAboveBalance = "sip2.amount_above_balance";
}

/// <summary>French kiosk texts of the adapter.</summary>
public static class ScreenTexts
{
    public const string PatronPasswordInvalid = "Mot de passe incorrect.";
    public const string Offline = "Service de prêt momentanément indisponible.";
    public const string CheckoutCancelled = "Prêt annulé.";
    public const string CheckinCancelNotSupported = "Annulation de retour impossible à la borne : adressez-vous à l'accueil.";
    public const string PickupUnknown = "Lieu de retrait inconnu.";

    public static string Renewed(DateTime dueAtUtc) =>
        string.Create(FrenchCulture.Instance, $"Prolongation enregistrée. À rendre le {LibraryTime.ToLocal(dueAtUtc):dd/MM/yyyy}.");
}
