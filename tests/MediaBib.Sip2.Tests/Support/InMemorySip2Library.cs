using System.Collections.Concurrent;
using System.Net;
using MediaBib.Sip2.Library;

namespace MediaBib.Sip2.Tests.Support;

/// <summary>
/// TEST SCAFFOLDING ONLY, for the protocol layer: a tiny in-memory library behind <see cref="ISip2Library"/> so the
/// codec, the session and the real-socket tests have something to talk to while the circulation engine is written.
/// It holds no library rule worth testing; the product registers the real engine adapter instead.
/// </summary>
public sealed class InMemorySip2Library : ISip2Library
{
    public const string GatedItem = "GATED";

    public static readonly TerminalAccount Kiosk = new("kiosk", "MEDIABIB", "MAIN", "Médiathèque centrale",
        Sip2Operations.All, "utf-8", [], CheckinCapturesHolds: true);

    public ConcurrentDictionary<string, (string Password, TerminalAccount Account)> Terminals { get; } = new()
    {
        ["kiosk"] = ("secret", Kiosk),
        ["kiosk850"] = ("secret", Kiosk with { Login = "kiosk850", Charset = "ibm850" }),
        ["kiosk1252"] = ("secret", Kiosk with { Login = "kiosk1252", Charset = "windows-1252" }),
        ["reader"] = ("secret", Kiosk with { Login = "reader", AllowedOperations = Sip2Operations.PatronInformation | Sip2Operations.ItemInformation }),
        ["sorter"] = ("secret", Kiosk with
        {
            Login = "sorter",
            SortBinRules =
            [
                new SortBinRule(SortBinField.AlertType, SortBinOperator.Equal, "01", "B1"),
                new SortBinRule(SortBinField.AlertType, SortBinOperator.Equal, "04", "B4"),
                new SortBinRule(SortBinField.ItemType, SortBinOperator.Equal, "DVD", "B2"),
                new SortBinRule(SortBinField.Always, SortBinOperator.Equal, "", "B9"),
            ],
        }),
    };

    public ConcurrentDictionary<string, (string Name, string Password, decimal Fees)> Patrons { get; } = new()
    {
        ["P1"] = ("Élise Frédéric", "1234", 0m),
        ["P2"] = ("Jean Dupont", "0000", 12.5m),
    };

    public ConcurrentDictionary<string, (string Title, string ItemType)> Items { get; } = new()
    {
        ["I1"] = ("Les Misérables", "BOOK"),
        ["I2"] = ("Amélie", "DVD"),
        ["I3"] = ("L'Œuvre au noir", "BOOK"),
        [GatedItem] = ("Livre lent", "BOOK"),
    };

    /// <summary>Item → patron.</summary>
    public ConcurrentDictionary<string, string> Loans { get; } = new();

    /// <summary>Item → (patron waiting, pickup library).</summary>
    public ConcurrentDictionary<string, (string Patron, string Library)> Holds { get; } = new();

    public List<string> Calls { get; } = [];

    /// <summary>A checkout of <see cref="GatedItem"/> signals <see cref="GateEntered"/> and waits for <see cref="Gate"/>.</summary>
    public TaskCompletionSource GateEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Record(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }
    }

    public Task<TerminalAccount?> AuthenticateTerminalAsync(string login, string password, string? locationCode, CancellationToken cancellationToken) =>
        Task.FromResult(Terminals.TryGetValue(login, out var t) && t.Password == password ? t.Account : null);

    /// <summary>The account a terminal at any address gets without a 93 login (null: login required).</summary>
    public TerminalAccount? TerminalWithoutLogin { get; set; }

    public Task<TerminalAccount?> FindTerminalWithoutLoginAsync(IPAddress remoteAddress, CancellationToken cancellationToken) =>
        Task.FromResult(TerminalWithoutLogin);

    public Task<AcsStatus> GetStatusAsync(TerminalAccount? terminal, CancellationToken cancellationToken) =>
        Task.FromResult(new AcsStatus(true));

    public Task<PatronStatus> GetPatronStatusAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Status(query));

    private PatronStatus Status(PatronQuery query)
    {
        if (!Patrons.TryGetValue(query.PatronIdentifier, out var p))
        {
            return PatronStatus.Unknown(query.PatronIdentifier, "Carte inconnue.");
        }
        var flags = p.Fees > 10 ? PatronFlags.ChargePrivilegesDenied | PatronFlags.ExcessiveOutstandingFines : PatronFlags.None;
        return new PatronStatus(true, query.PatronIdentifier, p.Name, flags,
            query.PatronPassword is null ? null : query.PatronPassword == p.Password, p.Fees);
    }

    public Task<PatronInformation> GetPatronInformationAsync(Sip2Context context, PatronQuery query, PatronItemList list, CancellationToken cancellationToken)
    {
        var charged = Loans.Where(l => l.Value == query.PatronIdentifier).Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
        var items = list == PatronItemList.ChargedItems ? charged : [];
        return Task.FromResult(new PatronInformation(Status(query), 0, 0, charged.Count, 0, 0, 0, items, ChargedItemsLimit: 10, Email: "elise@example.org"));
    }

    public async Task<LoanResult> CheckoutAsync(Sip2Context context, CheckoutCommand command, CancellationToken cancellationToken)
    {
        Record($"checkout {command.PatronIdentifier} {command.ItemIdentifier}");
        if (command.ItemIdentifier == GatedItem)
        {
            GateEntered.TrySetResult();
            await Gate.Task;
        }
        if (!Patrons.ContainsKey(command.PatronIdentifier))
        {
            return new LoanResult(new Sip2Refusal("patron.unknown", "Carte inconnue."), command.PatronIdentifier, command.ItemIdentifier, "", null);
        }
        if (!Items.TryGetValue(command.ItemIdentifier, out var item))
        {
            return new LoanResult(new Sip2Refusal("item.unknown", "Document inconnu."), command.PatronIdentifier, command.ItemIdentifier, "", null);
        }
        if (!Loans.TryAdd(command.ItemIdentifier, command.PatronIdentifier))
        {
            return new LoanResult(new Sip2Refusal("item.on-loan", "Document déjà prêté."), command.PatronIdentifier, command.ItemIdentifier, item.Title, null);
        }
        return new LoanResult(null, command.PatronIdentifier, command.ItemIdentifier, item.Title, context.Now.AddDays(21),
            MagneticMedia: Sip2Tristate.No, Desensitize: Sip2Tristate.Yes);
    }

    public Task<CheckinResult> CheckinAsync(Sip2Context context, CheckinCommand command, CancellationToken cancellationToken)
    {
        Record($"checkin {command.ItemIdentifier} capture={command.CaptureHolds}");
        if (!Items.TryGetValue(command.ItemIdentifier, out var item))
        {
            return Task.FromResult(new CheckinResult(new Sip2Refusal("item.unknown", "Document inconnu."), command.ItemIdentifier, ""));
        }
        Loans.TryRemove(command.ItemIdentifier, out var patron);
        var result = new CheckinResult(null, command.ItemIdentifier, "MAIN", item.Title, patron, ItemType: item.ItemType);
        if (command.CaptureHolds && Holds.TryGetValue(command.ItemIdentifier, out var hold))
        {
            var here = hold.Library == context.Terminal.LibraryCode;
            result = result with
            {
                Alert = here ? CheckinAlertType.HoldHere : CheckinAlertType.HoldElsewhere,
                DestinationLibrary = here ? null : hold.Library,
                HoldPatronIdentifier = hold.Patron,
                HoldPatronName = Patrons[hold.Patron].Name,
            };
        }
        return Task.FromResult(result);
    }

    public Task<LoanResult> RenewAsync(Sip2Context context, RenewCommand command, CancellationToken cancellationToken)
    {
        var itemId = command.ItemIdentifier ?? "";
        return Task.FromResult(Loans.TryGetValue(itemId, out var p) && p == command.PatronIdentifier
            ? new LoanResult(null, command.PatronIdentifier, itemId, Items[itemId].Title, context.Now.AddDays(42), RenewalOk: true)
            : new LoanResult(new Sip2Refusal("loan.not-found", "Ce document n'est pas prêté à ce lecteur."), command.PatronIdentifier, itemId, "", null));
    }

    public Task<RenewAllResult> RenewAllAsync(Sip2Context context, PatronQuery query, bool feeAcknowledged, CancellationToken cancellationToken)
    {
        var mine = Loans.Where(l => l.Value == query.PatronIdentifier).Select(l => l.Key).Order(StringComparer.Ordinal).ToList();
        return Task.FromResult(new RenewAllResult(null, mine, []));
    }

    public Task<ItemInformation?> GetItemInformationAsync(Sip2Context context, string itemIdentifier, CancellationToken cancellationToken) =>
        Task.FromResult(Items.TryGetValue(itemIdentifier, out var item)
            ? new ItemInformation(itemIdentifier, item.Title, Loans.ContainsKey(itemIdentifier) ? ItemCirculationStatus.Charged : ItemCirculationStatus.Available,
                HoldQueueLength: Holds.ContainsKey(itemIdentifier) ? 1 : 0, MediaType: "001", PermanentLocation: "MAIN")
            : null);

    public Task<ItemStatusUpdateResult> UpdateItemPropertiesAsync(Sip2Context context, string itemIdentifier, string itemProperties, CancellationToken cancellationToken) =>
        Task.FromResult(Items.TryGetValue(itemIdentifier, out var item)
            ? new ItemStatusUpdateResult(null, item.Title)
            : new ItemStatusUpdateResult(new Sip2Refusal("item.unknown", "Document inconnu.")));

    public Task<PatronStatus> BlockPatronAsync(Sip2Context context, BlockPatronCommand command, CancellationToken cancellationToken)
    {
        Record($"block {command.PatronIdentifier} retained={command.CardRetained}");
        var status = Status(new PatronQuery(command.PatronIdentifier, null));
        return Task.FromResult(status with { Flags = status.Flags | PatronFlags.ChargePrivilegesDenied | PatronFlags.CardReportedLost });
    }

    public Task<PatronStatus> EnablePatronAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(Status(query));

    public Task<HoldResult> PlaceHoldAsync(Sip2Context context, HoldCommand command, CancellationToken cancellationToken)
    {
        var item = command.ItemIdentifier ?? "";
        return Task.FromResult(Holds.TryAdd(item, (command.PatronIdentifier, command.PickupLocation ?? "MAIN"))
            ? new HoldResult(null, false, null, 1, command.PickupLocation ?? "MAIN", item, Items.GetValueOrDefault(item).Title)
            : new HoldResult(new Sip2Refusal("hold.exists", "Déjà réservé.")));
    }

    public Task<HoldResult> CancelHoldAsync(Sip2Context context, HoldCommand command, CancellationToken cancellationToken) =>
        Task.FromResult(Holds.TryRemove(command.ItemIdentifier ?? "", out _)
            ? new HoldResult(null)
            : new HoldResult(new Sip2Refusal("hold.not-found", "Aucune réservation à annuler.")));

    public Task<EndSessionResult> EndPatronSessionAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(new EndSessionResult(true, "Merci et à bientôt !"));

    public Task<FeePaidResult> PayFeeAsync(Sip2Context context, FeePayment payment, CancellationToken cancellationToken)
    {
        Record($"pay {payment.PatronIdentifier} {payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        return Task.FromResult(new FeePaidResult(null, payment.TransactionId ?? "T1", "Paiement enregistré."));
    }
}
