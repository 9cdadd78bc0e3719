using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Web.Opac;
using Microsoft.AspNetCore.Components;

namespace MediaBib.Web.Components.Opac.Account;

/// <summary>Loans (renew one or all), holds (cancel, suspend, resume) and fines of the signed-in patron.</summary>
public partial class OpacAccount
{
    private readonly List<string> _messages = [];
    private PatronAccountView? _account;

    [Inject]
    private PatronAccountQueries Queries { get; set; } = default!;

    [Inject]
    private CirculationDesk Desk { get; set; } = default!;

    [Inject]
    private HoldService Holds { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [SupplyParameterFromForm(FormName = "renew", Name = "renew")]
    private string? RenewTarget { get; set; }

    [SupplyParameterFromForm(Name = "holdId")]
    private string? HoldId { get; set; }

    [SupplyParameterFromForm(Name = "holdAction")]
    private string? HoldAction { get; set; }

    [SupplyParameterFromForm(Name = "suspendUntil")]
    private string? SuspendUntil { get; set; }

    private DateOnly Today => LibraryTime.Today(Clock.GetUtcNow().UtcDateTime);

    private string Tomorrow => Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected override async Task OnInitializedAsync() => _account = await Queries.AccountAsync(PatronId, Aborted);

    private async Task RenewAsync()
    {
        var titles = _account?.Loans.ToDictionary(l => l.LoanId, l => l.Title) ?? [];
        if (RenewTarget == "all")
        {
            var receipt = await Desk.RenewAllAsync(Actor, PatronId, Aborted);
            foreach (var (loanId, outcome) in receipt.Loans)
            {
                _messages.Add(RenewalMessage(titles.GetValueOrDefault(loanId, "?"), outcome));
            }

            if (receipt.Loans.Count == 0)
            {
                _messages.Add(A["Loans.NothingToRenew"]);
            }
        }
        else if (Guid.TryParse(RenewTarget, CultureInfo.InvariantCulture, out var loanId) && titles.TryGetValue(loanId, out var title))
        {
            // Only the patron's own open loans are on the page; any other id is refused as unknown.
            _messages.Add(RenewalMessage(title, await Desk.RenewAsync(Actor, loanId, null, Aborted)));
        }
        else
        {
            _messages.Add(RefusalMessages.French(RefusalReason.LoanUnknown));
        }

        _account = await Queries.AccountAsync(PatronId, Aborted);
    }

    private string RenewalMessage(string title, Outcome<RenewalReceipt> outcome) => outcome.Succeeded
        ? A["Loans.Renewed", title, OpacLabels.ParisDate(outcome.Value!.DueAt)]
        : A["Loans.NotRenewed", title, string.Join(" ", outcome.Refusals.Select(RefusalMessages.French))];

    private async Task HoldActionAsync()
    {
        if (!Guid.TryParse(HoldId, CultureInfo.InvariantCulture, out var holdId))
        {
            return;
        }

        var title = _account?.Holds.FirstOrDefault(h => h.HoldId == holdId)?.Title ?? "?";
        Outcome<HoldReceipt> outcome;
        string done;
        switch (HoldAction)
        {
            case "suspend":
                if (!DateOnly.TryParseExact(SuspendUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var until) || until <= Today)
                {
                    _messages.Add(A["Holds.BadDate"]);
                    return;
                }

                outcome = await Holds.SuspendAsync(Actor, holdId, until, PatronId, Aborted);
                done = A["Holds.Suspended", title, OpacAccountText.Date(until)];
                break;
            case "resume":
                outcome = await Holds.ResumeAsync(Actor, holdId, PatronId, Aborted);
                done = A["Holds.Resumed", title];
                break;
            default:
                outcome = await Holds.CancelAsync(Actor, holdId, PatronId, "Annulée par le lecteur (catalogue)", Aborted);
                done = A["Holds.Cancelled", title];
                break;
        }

        _messages.Add(outcome.Succeeded ? done : A["Holds.Refused", title, string.Join(" ", outcome.Refusals.Select(RefusalMessages.French))]);
        _account = await Queries.AccountAsync(PatronId, Aborted);
    }

    private string HoldStatusText(AccountHold hold)
    {
        if (hold.IsSuspended)
        {
            return A["Holds.SuspendedUntil", OpacAccountText.Date(hold.SuspendedUntil!.Value)];
        }

        return hold.Status switch
        {
            HoldStatus.Pending => hold.Position is { } p ? A["Holds.Pending", p] : A["Holds.PendingNoPosition"],
            HoldStatus.InTransit => A["Holds.InTransit"],
            HoldStatus.Waiting => hold.PickupDeadline is { } d ? A["Holds.Waiting", OpacAccountText.Date(d)] : A["Holds.WaitingNoDate"],
            HoldStatus.Fulfilled or HoldStatus.Cancelled or HoldStatus.Expired => hold.Status.ToString(),
        };
    }
}
