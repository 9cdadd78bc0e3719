using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Web.Resources;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MediaBib.Web.Components.Desk;

/// <summary>
/// The patron file: identity, notes, blocks, loans, holds, fines (pay, waive), the notices sent (notification log) and the
/// patron's audit history, with the desk's actions through the engine. Live: an event about this patron from anywhere
/// (another desk, the OPAC, a SIP2 kiosk) reloads the file.
/// </summary>
public sealed partial class PatronFilePage
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly PaymentMethod[] Methods = [PaymentMethod.Cash, PaymentMethod.Card, PaymentMethod.Cheque];

    private readonly Dictionary<Guid, string> _refusals = [];
    private PatronFile? _file;
    private IReadOnlyList<NoticeLogLine> _notices = [];
    private IDisposable? _subscription;
    private bool _canRenew;
    private bool _canHold;
    private bool _canCollect;
    private bool _canManage;
    private bool _canWaive;
    private string? _blockReason;
    private string? _blockError;
    private decimal? _amount;
    private PaymentMethod _method = PaymentMethod.Cash;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private DeskQueries Queries { get; set; } = default!;

    [Inject]
    private CirculationDesk Desk { get; set; } = default!;

    [Inject]
    private NoticeLog Notices { get; set; } = default!;

    [Inject]
    private HoldService Holds { get; set; } = default!;

    [Inject]
    private FineService Fines { get; set; } = default!;

    [Inject]
    private PatronRegistration Registration { get; set; } = default!;

    [Inject]
    private LiveEvents Live { get; set; } = default!;

    [Inject]
    private IStringLocalizer<SharedResource> Shared { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    public void Dispose() => _subscription?.Dispose();

    protected override async Task OnInitializedAsync()
    {
        _subscription = Live.Subscribe(OnEventAsync);
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            _canRenew = (await Authorization.AuthorizeAsync(user, Permission.Renewals.PolicyName())).Succeeded;
            _canHold = (await Authorization.AuthorizeAsync(user, Permission.Holds.PolicyName())).Succeeded;
            _canCollect = (await Authorization.AuthorizeAsync(user, Permission.FinesCollect.PolicyName())).Succeeded;
            _canManage = (await Authorization.AuthorizeAsync(user, Permission.PatronsManage.PolicyName())).Succeeded;
            _canWaive = (await Authorization.AuthorizeAsync(user, Permission.FinesWaive.PolicyName())).Succeeded;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _refusals.Clear();
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _file = await Queries.PatronFileAsync(Id);
        _notices = _file is null ? [] : await Notices.ForPatronAsync(Id);
        _history = _file is null ? EmptyHistory : await History.PageAsync(Id, _history.Page);
    }

    private static string When(DateTime utc) => LibraryTime.ToLocal(utc).ToString("dd/MM/yyyy HH:mm", French);

    private string KindText(NoticeLogLine notice) => notice.Kind switch
    {
        Domain.Notifications.NoticeKind.OverdueReminder => D["Notice.Kind.OverdueReminder", notice.Level],
        Domain.Notifications.NoticeKind.Courtesy => D["Notice.Kind.Courtesy"],
        Domain.Notifications.NoticeKind.HoldReady => D["Notice.Kind.HoldReady"],
        Domain.Notifications.NoticeKind.CardExpiry => D["Notice.Kind.CardExpiry"],
    };

    /// <summary>Events carry the patron's id: reload when one is about the patron on screen.</summary>
    private Task OnEventAsync(OutboxEvent e) =>
        e.GetGuid("patronId") == Id
            ? InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask;

    private async Task RenewAsync(PatronLoanLine loan)
    {
        var outcome = await Desk.RenewAsync(await Staff.ActorAsync(), loan.LoanId);
        Show(loan.LoanId, outcome.Refusals, outcome.Value is { } r ? D["PatronFile.Renewed", loan.Title, CheckoutPage.Local(r.DueAt)].Value : null);
        await ReloadAsync();
    }

    private async Task RenewAllAsync()
    {
        var result = await Desk.RenewAllAsync(await Staff.ActorAsync(), Id);
        _refusals.Clear();
        foreach (var (loanId, outcome) in result.Loans.Where(l => !l.Outcome.Succeeded))
        {
            _refusals[loanId] = string.Join(" ", outcome.Refusals.Select(RefusalMessages.French));
        }

        var renewed = result.Loans.Count(l => l.Outcome.Succeeded);
        Snackbar.Add(D["PatronFile.RenewedCount", renewed, result.Loans.Count], renewed == result.Loans.Count ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private async Task CancelHoldAsync(PatronHoldLine hold)
    {
        var outcome = await Holds.CancelAsync(await Staff.ActorAsync(), hold.HoldId, reason: D["PatronFile.CancelledAtDesk"]);
        Show(hold.HoldId, outcome.Refusals, outcome.Succeeded ? D["PatronFile.HoldCancelled", hold.Title].Value : null);
        await ReloadAsync();
    }

    private async Task PayAsync(PatronFineLine fine, decimal? amount)
    {
        var outcome = await Fines.PayAsync(await Staff.ActorAsync(), fine.FineId, amount, _method);
        Show(fine.FineId, outcome.Refusals, outcome.Value is { } r ? D["PatronFile.Paid", (amount ?? fine.Outstanding).ToString("C", French)].Value : null);
        await ReloadAsync();
    }

    private async Task PayAllAsync()
    {
        if (_amount is <= 0)
        {
            Snackbar.Add(RefusalMessages.French(RefusalReason.FineAmountInvalid), Severity.Error);
            return;
        }

        var receipts = await Fines.PayAllAsync(await Staff.ActorAsync(), Id, _amount, _method);
        var paid = _amount ?? _file?.Outstanding ?? 0;
        Snackbar.Add(receipts.Count > 0 ? D["PatronFile.Paid", paid.ToString("C", French)] : D["PatronFile.NothingPaid"], receipts.Count > 0 ? Severity.Success : Severity.Info);
        _amount = null;
        await ReloadAsync();
    }

    private async Task RenewCardAsync()
    {
        var result = await Registration.RenewAsync(await Staff.ActorAsync(), Id);
        Snackbar.Add(result.Succeeded ? D["PatronFile.CardRenewed", result.Value.ToString("dd/MM/yyyy", French)] : Shared["Error.unknown"], result.Succeeded ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private Task BlockAsync() => ChangeBlockAsync(true);

    private Task UnblockAsync() => ChangeBlockAsync(false);

    /// <summary>Blocking needs a reason (the engine's refusal names it); unblocking takes an optional one for the log.</summary>
    private async Task ChangeBlockAsync(bool block)
    {
        var actor = await Staff.ActorAsync();
        var result = block
            ? await Registration.BlockAsync(actor, Id, _blockReason ?? "")
            : await Registration.UnblockAsync(actor, Id, _blockReason);
        _blockError = result.Errors.Select(e => Shared["Error." + e.Code].Value).FirstOrDefault();
        if (result.Succeeded)
        {
            _blockReason = null;
            Snackbar.Add(block ? D["PatronFile.CardBlocked"] : D["PatronFile.CardUnblocked"], Severity.Success);
        }

        await ReloadAsync();
    }

    private void Show(Guid id, IReadOnlyList<RefusalReason> refusals, string? success)
    {
        if (refusals.Count > 0)
        {
            _refusals[id] = string.Join(" ", refusals.Select(RefusalMessages.French));
            Snackbar.Add(_refusals[id], Severity.Error);
            return;
        }

        _refusals.Remove(id);
        if (success is not null)
        {
            Snackbar.Add(success, Severity.Success);
        }
    }

    private string HoldStatusText(PatronHoldLine hold) => hold.Status switch
    {
        HoldStatus.Pending => D["HoldStatus.Pending"],
        HoldStatus.InTransit => D["HoldStatus.InTransit"],
        HoldStatus.Waiting => hold.PickupDeadline is { } until ? D["HoldStatus.WaitingUntil", until.ToString("dd/MM/yyyy", French)] : D["HoldStatus.Waiting"],
        HoldStatus.Fulfilled => D["HoldStatus.Fulfilled"],
        HoldStatus.Cancelled => D["HoldStatus.Cancelled"],
        HoldStatus.Expired => D["HoldStatus.Expired"],
    };

    private string MethodText(PaymentMethod method) => method switch
    {
        PaymentMethod.Cash => D["Payment.Cash"],
        PaymentMethod.Card => D["Payment.Card"],
        PaymentMethod.Cheque => D["Payment.Cheque"],
        PaymentMethod.Online => D["Payment.Online"],
        PaymentMethod.Waiver => D["Payment.Waiver"],
    };
}
