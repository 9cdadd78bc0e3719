using System.Net;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Sip2.Library;
using CheckinResult = MediaBib.Sip2.Library.CheckinResult;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaBib.Sip2.Engine;

/// <summary>
/// <see cref="ISip2Library"/> on the circulation engine: the same <see cref="CirculationDesk"/>, <see cref="HoldService"/>
/// and <see cref="FineService"/> as the desk, with an <see cref="Actor"/> of kind Terminal named after the kiosk, so
/// rules, audit entries and outbox events are the desk's. Terminal accounts are read from the database at each login.
/// </summary>
public sealed partial class EngineSip2Library(
    IDbContextFactory<MediaBibDbContext> contexts,
    CirculationDesk desk,
    HoldService holds,
    FineService fines,
    Sip2TerminalService terminals,
    IOptions<Sip2Options> options,
    TimeProvider clock,
    ILogger<EngineSip2Library> logger) : ISip2Library
{
    /// <summary>Prefix of the block reason a kiosk sets (01); 25 lifts only such blocks.</summary>
    public const string TerminalBlockPrefix = "Bloquée par la borne ";

    private static readonly PasswordHasher<Patron> PatronHasher = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<TerminalAccount?> AuthenticateTerminalAsync(string login, string password, string? locationCode, CancellationToken cancellationToken)
    {
        var view = await terminals.AuthenticateAsync(login, password, cancellationToken);
        if (view is null)
        {
            return null;
        }

        return TerminalAccounts.From(view, options.Value.InstitutionId);
    }

    /// <summary>No account is recognised by address: every terminal logs in with 93.</summary>
    public Task<TerminalAccount?> FindTerminalWithoutLoginAsync(IPAddress remoteAddress, CancellationToken cancellationToken) =>
        Task.FromResult<TerminalAccount?>(null);

    public async Task<AcsStatus> GetStatusAsync(TerminalAccount? terminal, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        bool online;
        try
        {
            online = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            online = false;
        }

        return new AcsStatus(online, terminal?.LibraryName, online ? null : ScreenTexts.Offline);
    }

    public async Task<PatronStatus> GetPatronStatusAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var snapshot = await PatronSnapshotAsync(db, context, query.PatronIdentifier, cancellationToken);
        return snapshot is null
            ? PatronStatus.Unknown(query.PatronIdentifier, RefusalMessages.French(RefusalReason.PatronUnknown))
            : snapshot.Status(query);
    }

    public async Task<PatronInformation> GetPatronInformationAsync(Sip2Context context, PatronQuery query, PatronItemList list, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var p = await PatronSnapshotAsync(db, context, query.PatronIdentifier, cancellationToken);
        if (p is null)
        {
            return new PatronInformation(PatronStatus.Unknown(query.PatronIdentifier, RefusalMessages.French(RefusalReason.PatronUnknown)),
                0, 0, 0, 0, 0, 0, []);
        }

        var status = p.Status(query);
        var today = LibraryTime.Today(Now);
        var loans = p.Loans;
        var patronHolds = new List<PatronHoldRow>();
        await foreach (var hold in PatronHoldsQuery(db, p.Patron.Id).WithCancellation(cancellationToken))
        {
            patronHolds.Add(hold);
        }

        var openFines = await db.OpenFinesOfPatronAsync(p.Patron.Id, cancellationToken);
        var overdue = loans.Where(l => DueDates.DaysOverdue(l.DueAt, today) > 0).ToList();
        var available = patronHolds.Where(h => h.Status == HoldStatus.Waiting).ToList();
        var unavailable = patronHolds.Where(h => h.Status != HoldStatus.Waiting).ToList();
        IReadOnlyList<string> items = list switch
        {
            PatronItemList.None => [],
            PatronItemList.HoldItems => [.. available.Select(h => h.Title)],
            // Barcodes are read only when the kiosk asks for the list (the counts come with the patron).
            PatronItemList.OverdueItems => await BarcodesAsync(db, overdue, cancellationToken),
            PatronItemList.ChargedItems => await BarcodesAsync(db, loans, cancellationToken),
            PatronItemList.FineItems => [.. openFines.Select(f => $"{f.Id} {f.Outstanding.ToString("0.00", FrenchCulture.Instance)} EUR {f.Description}")],
            PatronItemList.RecallItems => [],
            PatronItemList.UnavailableHolds => [.. unavailable.Select(h => h.Title)],
        };
        var a = p.Patron.Address;
        var address = string.Join(", ", new[] { a.Street, string.Join(' ', new[] { a.PostalCode, a.City }.Where(s => !string.IsNullOrWhiteSpace(s))) }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        return new PatronInformation(status, available.Count, overdue.Count, loans.Count, openFines.Count, 0, unavailable.Count, items,
            HoldItemsLimit: p.Policy.MaxHolds, ChargedItemsLimit: p.Policy.MaxLoans, FeeLimit: p.Policy.FineBlockThreshold,
            HomeAddress: address.Length == 0 ? null : address, Email: p.Patron.Email, HomePhone: p.Patron.Phone);
    }

    private sealed record PatronHoldRow(HoldStatus Status, string Title);

    // Every 63 of every kiosk reads the patron's active holds: compiled once.
    private static readonly Func<MediaBibDbContext, Guid, IAsyncEnumerable<PatronHoldRow>> PatronHoldsQuery =
        EF.CompileAsyncQuery<MediaBibDbContext, Guid, PatronHoldRow>((db, patronId) =>
            from h in db.Holds.AsNoTracking()
            where h.PatronId == patronId && Hold.ActiveStatuses.Contains(h.Status)
            join r in db.Records on h.RecordId equals r.Id
            orderby h.RequestedAt
            select new PatronHoldRow(h.Status, r.Title));

    private static async Task<IReadOnlyList<string>> BarcodesAsync(MediaBibDbContext db, IEnumerable<OpenLoanInfo> loans, CancellationToken ct)
    {
        var ordered = loans.OrderBy(l => l.DueAt).Select(l => l.ItemId).ToList();
        var barcodes = await db.Items.AsNoTracking().Where(i => ordered.Contains(i.Id)).Select(i => new { i.Id, i.Barcode })
            .ToDictionaryAsync(i => i.Id, i => i.Barcode.Value, ct);
        return [.. ordered.Select(id => barcodes[id])];
    }

    public async Task<LoanResult> CheckoutAsync(Sip2Context context, CheckoutCommand command, CancellationToken cancellationToken)
    {
        var actor = ActorOf(context);
        var library = await LibraryIdAsync(context, cancellationToken);
        // The item's facts are read only for an answer that is not a plain checkout (the receipt carries the title).
        ItemFacts? item = null;
        async Task<LoanResult> RefusedAsync(Sip2Refusal refusal)
        {
            item ??= await ItemFactsAsync(command.ItemIdentifier, cancellationToken);
            return new(refusal, command.PatronIdentifier, command.ItemIdentifier, item?.Title ?? "", null, ScreenMessage: refusal.ScreenMessage);
        }

        if (await PasswordRefusalAsync(command.PatronIdentifier, command.PatronPassword, cancellationToken) is { } wrong)
        {
            return await RefusedAsync(wrong);
        }

        if (command.Cancel)
        {
            item = await ItemFactsAsync(command.ItemIdentifier, cancellationToken);
            var undone = await desk.CheckInAsync(actor, library, command.ItemIdentifier, cancellationToken);
            return undone.Succeeded
                ? new LoanResult(null, command.PatronIdentifier, command.ItemIdentifier, item?.Title ?? "", null, ScreenMessage: ScreenTexts.CheckoutCancelled)
                : await RefusedAsync(Refusal(undone.Refusals));
        }

        var outcome = await desk.CheckOutAsync(actor, library, command.PatronIdentifier, command.ItemIdentifier, ct: cancellationToken);
        if (outcome.Succeeded)
        {
            var receipt = outcome.Value!;
            return new LoanResult(null, command.PatronIdentifier, command.ItemIdentifier, receipt.Title, Utc(receipt.DueAt),
                Desensitize: Sip2Tristate.Yes, MagneticMedia: Sip2Tristate.No, MediaType: "001",
                ScreenMessage: string.Create(FrenchCulture.Instance, $"Prêt enregistré. À rendre le {LibraryTime.ToLocal(receipt.DueAt):dd/MM/yyyy}."));
        }

        // SC renewal policy: the item is already lent to this patron → the checkout is a renewal.
        item = await ItemFactsAsync(command.ItemIdentifier, cancellationToken);
        if (command.ScRenewalPolicy && item?.OpenLoanId is { } loanId && item.BorrowerCard == await CardOfAsync(command.PatronIdentifier, cancellationToken))
        {
            var renewal = await desk.RenewAsync(actor, loanId, ct: cancellationToken);
            return renewal.Succeeded
                ? new LoanResult(null, command.PatronIdentifier, command.ItemIdentifier, item.Title, Utc(renewal.Value!.DueAt), RenewalOk: true,
                    Desensitize: Sip2Tristate.Yes, MagneticMedia: Sip2Tristate.No, MediaType: "001", ScreenMessage: ScreenTexts.Renewed(renewal.Value.DueAt))
                : await RefusedAsync(Refusal(renewal.Refusals));
        }

        var refusal = Refusal(outcome.Refusals);
        if (command.NoBlock)
        {
            await RecordOfflineRefusalAsync(actor, AuditAction.Checkout, "prêt", command.ItemIdentifier, command.PatronIdentifier, outcome.Refusals, command.TransactionDate, cancellationToken);
        }

        return await RefusedAsync(refusal);
    }

    public async Task<CheckinResult> CheckinAsync(Sip2Context context, CheckinCommand command, CancellationToken cancellationToken)
    {
        var actor = ActorOf(context);
        var library = await LibraryIdAsync(context, cancellationToken);
        if (command.Cancel)
        {
            var item = await ItemFactsAsync(command.ItemIdentifier, cancellationToken);
            var refusal = new Sip2Refusal(ReasonCodes.CancelNotSupported, ScreenTexts.CheckinCancelNotSupported);
            return new CheckinResult(refusal, command.ItemIdentifier, item?.HomeLibraryCode ?? "", item?.Title, ScreenMessage: refusal.ScreenMessage);
        }

        // The engine reads what the answer says about the item with the item itself (title, codes, the borrower's card).
        var outcome = await desk.CheckInAsync(actor, library, command.ItemIdentifier, command.CaptureHolds, cancellationToken);
        if (!outcome.Succeeded)
        {
            var before = await ItemFactsAsync(command.ItemIdentifier, cancellationToken);
            if (command.NoBlock)
            {
                await RecordOfflineRefusalAsync(actor, AuditAction.Checkin, "retour", command.ItemIdentifier, null, outcome.Refusals, command.TransactionDate, cancellationToken);
            }

            var refusal = Refusal(outcome.Refusals);
            return new CheckinResult(refusal, command.ItemIdentifier, before?.HomeLibraryCode ?? "", before?.Title,
                Alert: before is null ? null : CheckinAlertType.Other, ScreenMessage: refusal.ScreenMessage);
        }

        var o = outcome.Value!;
        var facts = o.Facts!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = CirculationSettings.For(db);
        var destination = await settings.LibraryCodeAsync(db, o.DestinationLibraryId, cancellationToken);
        var home = await settings.LibraryCodeAsync(db, facts.HomeLibraryId, cancellationToken);
        // The borrower of the loan the checkin closed.
        var borrowerCard = o.BorrowerId is not null ? facts.BorrowerCard : null;
        var holdPatron = o.HoldPatronId is { } h
            ? await db.Patrons.AsNoTracking().Where(p => p.Id == h).Select(p => new { p.CardNumber, p.FirstName, p.LastName }).FirstOrDefaultAsync(cancellationToken)
            : null;
        CheckinAlertType? alert = o.Destination switch
        {
            ItemDestination.Shelf => null,
            ItemDestination.HoldShelf => CheckinAlertType.HoldHere,
            ItemDestination.TransitToPickup => CheckinAlertType.HoldElsewhere,
            ItemDestination.TransitHome => CheckinAlertType.Transfer,
            ItemDestination.StillInTransit => CheckinAlertType.Transfer,
            ItemDestination.SetAside => CheckinAlertType.Other,
            ItemDestination.CheckInAgain => o.DestinationLibraryId == library ? CheckinAlertType.HoldHere : CheckinAlertType.HoldElsewhere,
        };
        var message = o.Destination switch
        {
            ItemDestination.Shelf => "Retour enregistré. Merci !",
            ItemDestination.HoldShelf => "Retour enregistré. Document réservé : à mettre de côté.",
            ItemDestination.TransitToPickup => $"Retour enregistré. Document réservé : à envoyer à {destination}.",
            ItemDestination.TransitHome or ItemDestination.StillInTransit => $"Retour enregistré. À renvoyer à {destination}.",
            ItemDestination.SetAside => "Retour enregistré. Document à mettre de côté.",
            ItemDestination.CheckInAgain => "Retour enregistré. Document réservé : à mettre de côté et à enregistrer de nouveau à l'accueil.",
        };
        if (o.FineAmount > 0)
        {
            message += $" Amende : {o.FineAmount.ToString("0.00", FrenchCulture.Instance)} €.";
        }

        return new CheckinResult(null, command.ItemIdentifier, home ?? "", facts.Title,
            PatronIdentifier: borrowerCard,
            Alert: alert,
            DestinationLibrary: alert is CheckinAlertType.HoldElsewhere or CheckinAlertType.Transfer or CheckinAlertType.HoldHere ? destination : null,
            HoldPatronIdentifier: holdPatron?.CardNumber.Value,
            HoldPatronName: holdPatron is null ? null : $"{holdPatron.FirstName} {holdPatron.LastName}",
            MagneticMedia: Sip2Tristate.No, Resensitize: Sip2Tristate.Yes, MediaType: "001",
            ItemType: facts.ItemTypeCode, Section: facts.SectionCode, HomeLibrary: home, CallNumber: facts.CallNumber,
            ScreenMessage: message);
    }

    public async Task<LoanResult> RenewAsync(Sip2Context context, RenewCommand command, CancellationToken cancellationToken)
    {
        var item = command.ItemIdentifier is { } barcode ? await ItemFactsAsync(barcode, cancellationToken) : null;
        LoanResult Refused(Sip2Refusal refusal) =>
            new(refusal, command.PatronIdentifier, command.ItemIdentifier ?? "", item?.Title ?? command.TitleIdentifier ?? "", null, ScreenMessage: refusal.ScreenMessage);

        if (await PasswordRefusalAsync(command.PatronIdentifier, command.PatronPassword, cancellationToken) is { } wrong)
        {
            return Refused(wrong);
        }

        var card = await CardOfAsync(command.PatronIdentifier, cancellationToken);
        if (card is null)
        {
            return Refused(Refusal([RefusalReason.PatronUnknown]));
        }

        if (item?.OpenLoanId is not { } loanId || (!command.ThirdPartyAllowed && item.BorrowerCard != card))
        {
            return Refused(Refusal([item is null ? RefusalReason.ItemUnknown : RefusalReason.LoanUnknown]));
        }

        var outcome = await desk.RenewAsync(ActorOf(context), loanId, ct: cancellationToken);
        return outcome.Succeeded
            ? new LoanResult(null, command.PatronIdentifier, command.ItemIdentifier!, item.Title, Utc(outcome.Value!.DueAt), RenewalOk: true,
                Desensitize: Sip2Tristate.Unknown, MediaType: "001", ScreenMessage: ScreenTexts.Renewed(outcome.Value.DueAt))
            : Refused(Refusal(outcome.Refusals));
    }

    public async Task<RenewAllResult> RenewAllAsync(Sip2Context context, PatronQuery query, bool feeAcknowledged, CancellationToken cancellationToken)
    {
        if (await PasswordRefusalAsync(query.PatronIdentifier, query.PatronPassword, cancellationToken) is { } wrong)
        {
            return new RenewAllResult(wrong, [], [], wrong.ScreenMessage);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.PatronAsync(query.PatronIdentifier, cancellationToken) is not var (patron, _))
        {
            var unknown = Refusal([RefusalReason.PatronUnknown]);
            return new RenewAllResult(unknown, [], [], unknown.ScreenMessage);
        }

        var receipt = await desk.RenewAllAsync(ActorOf(context), patron.Id, cancellationToken);
        var ids = receipt.Loans.Select(l => l.LoanId).ToList();
        var barcodes = await db.Loans.AsNoTracking().Where(l => ids.Contains(l.Id))
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new { l.Id, i.Barcode }).ToDictionaryAsync(x => x.Id, x => x.Barcode.Value, cancellationToken);
        var renewed = receipt.Loans.Where(l => l.Outcome.Succeeded).Select(l => barcodes[l.LoanId]).ToList();
        var unrenewed = receipt.Loans.Where(l => !l.Outcome.Succeeded).Select(l => barcodes[l.LoanId]).ToList();
        return new RenewAllResult(null, renewed, unrenewed,
            string.Create(FrenchCulture.Instance, $"{renewed.Count} document(s) prolongé(s), {unrenewed.Count} non prolongé(s)."));
    }

    public async Task<ItemInformation?> GetItemInformationAsync(Sip2Context context, string itemIdentifier, CancellationToken cancellationToken)
    {
        var item = await ItemFactsAsync(itemIdentifier, cancellationToken);
        if (item is null)
        {
            return null;
        }

        return new ItemInformation(itemIdentifier, item.Title, CirculationStatus(item.Status), FeeType: 1,
            HoldQueueLength: item.HoldQueue, DueDate: item.DueAt is { } due ? Utc(due) : null,
            HoldPickupDate: item.PickupDeadline is { } deadline ? Utc(LibraryTime.EndOfDayUtc(deadline)) : null,
            Owner: item.HomeLibraryCode, MediaType: "001", PermanentLocation: item.HomeLibraryCode, CurrentLocation: item.CurrentLibraryCode,
            ScreenMessage: item.Status == ItemStatus.Available ? "Disponible." : null);
    }

    public async Task<ItemStatusUpdateResult> UpdateItemPropertiesAsync(Sip2Context context, string itemIdentifier, string itemProperties, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = ActorOf(context);
        var item = await ItemEntityAsync(db, itemIdentifier, cancellationToken);
        if (item is null)
        {
            return new ItemStatusUpdateResult(Refusal([RefusalReason.ItemUnknown]), ScreenMessage: RefusalMessages.French(RefusalReason.ItemUnknown));
        }

        // MediaBib keeps no free-form item properties: the terminal's CH is kept in the audit log of the item.
        db.RecordAction(AuditAction.Update, item, $"Propriétés SIP2 : {itemProperties}");
        await db.SaveChangesAsync(cancellationToken);
        var title = await db.Records.AsNoTracking().Where(r => r.Id == item.RecordId).Select(r => r.Title).FirstAsync(cancellationToken);
        return new ItemStatusUpdateResult(null, title, "Propriétés enregistrées.");
    }

    public async Task<PatronStatus> BlockPatronAsync(Sip2Context context, BlockPatronCommand command, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Actor = ActorOf(context);
        if (await db.PatronAsync(command.PatronIdentifier, cancellationToken) is var (patron, _))
        {
            var why = TerminalBlockPrefix + context.Terminal.Login
                + (command.CardRetained ? " (carte retenue)" : "")
                + (string.IsNullOrWhiteSpace(command.BlockedCardMessage) ? "" : " : " + command.BlockedCardMessage.Trim());
            patron.Block(why.Length > 500 ? why[..500] : why);
            db.RecordAction(AuditAction.PatronBlocked, patron, why, AuditSeverity.Warning);
            await db.SaveChangesAsync(cancellationToken);
        }

        return await GetPatronStatusAsync(context, new PatronQuery(command.PatronIdentifier, null), cancellationToken);
    }

    public async Task<PatronStatus> EnablePatronAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Actor = ActorOf(context);
            if (await db.PatronAsync(query.PatronIdentifier, cancellationToken) is var (patron, _)
                && patron.IsBlocked && patron.BlockReason?.StartsWith(TerminalBlockPrefix, StringComparison.Ordinal) == true
                && (query.PatronPassword is null || VerifyPatronPassword(patron, query.PatronPassword)))
            {
                patron.Unblock();
                db.RecordAction(AuditAction.PatronUnblocked, patron, "Blocage de borne levé");
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return await GetPatronStatusAsync(context, query, cancellationToken);
    }

    public async Task<HoldResult> PlaceHoldAsync(Sip2Context context, HoldCommand command, CancellationToken cancellationToken)
    {
        if (await PasswordRefusalAsync(command.PatronIdentifier, command.PatronPassword, cancellationToken) is { } wrong)
        {
            return new HoldResult(wrong, ScreenMessage: wrong.ScreenMessage);
        }

        var target = await HoldTargetAsync(command, cancellationToken);
        if (target.Refusal is { } refused)
        {
            return new HoldResult(refused, ScreenMessage: refused.ScreenMessage);
        }

        var pickup = await PickupAsync(context, command.PickupLocation, cancellationToken);
        if (pickup is null)
        {
            var noPickup = new Sip2Refusal(ReasonCodes.PickupUnknown, ScreenTexts.PickupUnknown);
            return new HoldResult(noPickup, ScreenMessage: noPickup.ScreenMessage);
        }

        var notNeededAfter = command.ExpirationDate is { } until ? DateOnly.FromDateTime(until.UtcDateTime) : (DateOnly?)null;
        var outcome = await holds.PlaceAsync(ActorOf(context), target.PatronId, target.RecordId, pickup.Value.Id,
            command.HoldType == 3 ? target.ItemId : null, notNeededAfter, ct: cancellationToken);
        if (!outcome.Succeeded)
        {
            var refusal = Refusal(outcome.Refusals);
            return new HoldResult(refusal, ItemIdentifier: command.ItemIdentifier, Title: target.Title, ScreenMessage: refusal.ScreenMessage);
        }

        var receipt = outcome.Value!;
        return new HoldResult(null, receipt.Status == HoldStatusView.Waiting, command.ExpirationDate, receipt.Position, pickup.Value.Code,
            command.ItemIdentifier, target.Title, string.Create(FrenchCulture.Instance, $"Réservation enregistrée (position {receipt.Position ?? 1})."));
    }

    public async Task<HoldResult> CancelHoldAsync(Sip2Context context, HoldCommand command, CancellationToken cancellationToken)
    {
        if (await PasswordRefusalAsync(command.PatronIdentifier, command.PatronPassword, cancellationToken) is { } wrong)
        {
            return new HoldResult(wrong, ScreenMessage: wrong.ScreenMessage);
        }

        var target = await HoldTargetAsync(command, cancellationToken);
        if (target.Refusal is { } refused)
        {
            return new HoldResult(refused, ScreenMessage: refused.ScreenMessage);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holdId = await db.Holds.AsNoTracking()
            .Where(h => h.PatronId == target.PatronId && h.RecordId == target.RecordId
                && Hold.ActiveStatuses.Contains(h.Status))
            .OrderBy(h => h.RequestedAt).Select(h => (Guid?)h.Id).FirstOrDefaultAsync(cancellationToken);
        if (holdId is not { } id)
        {
            var none = Refusal([RefusalReason.HoldUnknown]);
            return new HoldResult(none, ItemIdentifier: command.ItemIdentifier, Title: target.Title, ScreenMessage: none.ScreenMessage);
        }

        var outcome = await holds.CancelAsync(ActorOf(context), id, target.PatronId, "Annulée à la borne", cancellationToken);
        if (!outcome.Succeeded)
        {
            var refusal = Refusal(outcome.Refusals);
            return new HoldResult(refusal, ItemIdentifier: command.ItemIdentifier, Title: target.Title, ScreenMessage: refusal.ScreenMessage);
        }

        return new HoldResult(null, ItemIdentifier: command.ItemIdentifier, Title: target.Title, ScreenMessage: "Réservation annulée.");
    }

    public Task<EndSessionResult> EndPatronSessionAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new EndSessionResult(true, "Au revoir et à bientôt !"));

    public async Task<FeePaidResult> PayFeeAsync(Sip2Context context, FeePayment payment, CancellationToken cancellationToken)
    {
        if (await PasswordRefusalAsync(payment.PatronIdentifier, payment.PatronPassword, cancellationToken) is { } wrong)
        {
            return new FeePaidResult(wrong, payment.TransactionId, wrong.ScreenMessage);
        }

        if (payment.Amount <= 0)
        {
            var invalid = Refusal([RefusalReason.FineAmountInvalid]);
            return new FeePaidResult(invalid, payment.TransactionId, invalid.ScreenMessage);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.PatronAsync(payment.PatronIdentifier, cancellationToken) is not var (patron, _))
        {
            var unknown = Refusal([RefusalReason.PatronUnknown]);
            return new FeePaidResult(unknown, payment.TransactionId, unknown.ScreenMessage);
        }

        var method = payment.PaymentType == 0 ? PaymentMethod.Cash : PaymentMethod.Card;
        var actor = ActorOf(context);
        if (Guid.TryParse(payment.FeeIdentifier, out var fineId))
        {
            var outcome = await fines.PayAsync(actor, fineId, payment.Amount, method, cancellationToken);
            return outcome.Succeeded
                ? new FeePaidResult(null, payment.TransactionId, Paid(payment.Amount, outcome.Value!.Outstanding))
                : new FeePaidResult(Refusal(outcome.Refusals), payment.TransactionId, Refusal(outcome.Refusals).ScreenMessage);
        }

        if (patron.Balance <= 0 || payment.Amount > patron.Balance)
        {
            var refusal = new Sip2Refusal(ReasonCodes.AmountAboveBalance,
                string.Create(FrenchCulture.Instance, $"Montant refusé : vous devez {patron.Balance:0.00} €."));
            return new FeePaidResult(refusal, payment.TransactionId, refusal.ScreenMessage);
        }

        await fines.PayAllAsync(actor, patron.Id, payment.Amount, method, cancellationToken);
        return new FeePaidResult(null, payment.TransactionId, Paid(payment.Amount, patron.Balance - payment.Amount));
    }

    private static string Paid(decimal amount, decimal left) =>
        string.Create(FrenchCulture.Instance, $"Paiement de {amount:0.00} € enregistré. Reste dû : {Math.Max(left, 0):0.00} €.");
}
