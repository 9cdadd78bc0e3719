using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Web.Components.Shared;
using MediaBib.Web.Resources;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MediaBib.Web.Components.Admin;

/// <summary>
/// SIP2 terminal accounts (self-check kiosks, return sorters): list, create (password shown once), edit, change
/// password, enable/disable, all through <see cref="Sip2TerminalAdmin"/>. The worker reads an account at each 93
/// login, so a change applies at the kiosk's next login.
/// </summary>
public sealed partial class Sip2Terminals
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private IReadOnlyList<Sip2TerminalRow> _rows = [];
    private IReadOnlyList<LibraryOption> _libraries = [];
    private FormModel _form = new();
    private Sip2TerminalRow? _editing;
    private Sip2TerminalRow? _passwordFor;
    private string? _newPassword;
    private (string Login, string Password)? _shownPassword;
    private FormErrors? _errors;
    private FormErrors? _passwordErrors;
    private FormErrors? _rowErrors;
    private bool _loaded;

    [Inject]
    private Sip2TerminalAdmin Admin { get; set; } = default!;

    [Inject]
    private DashboardQueries Dashboard { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<Sip2TerminalsResource> R { get; set; } = default!;

    private FormErrors Errors => _errors ??= new(L);

    private FormErrors PasswordErrors => _passwordErrors ??= new(L);

    private FormErrors RowErrors => _rowErrors ??= new(L);

    protected override async Task OnInitializedAsync()
    {
        _libraries = await Dashboard.LibrariesAsync();
        _rows = await Admin.ListAsync();
        _loaded = true;
    }

    private string OperationsText(IEnumerable<string> operations) =>
        string.Join(", ", operations.Select(o => R["Op." + o] is { ResourceNotFound: false } label ? label.Value : o));

    private static string Date(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, LibraryTime.Zone).ToString("dd/MM/yyyy HH:mm", French);

    private void ToggleOperation(string operation, bool on)
    {
        _form.Operations.Remove(operation);
        if (on)
        {
            _form.Operations.Add(operation);
        }
    }

    private void New()
    {
        (_editing, _form) = (null, new FormModel());
        Errors.Clear();
    }

    private void Edit(Sip2TerminalRow row)
    {
        _editing = row;
        _form = new FormModel
        {
            LibraryId = row.LibraryId,
            Operations = [.. row.Operations],
            Charset = row.Charset,
            CapturesHolds = row.CheckinCapturesHolds,
            Rules = [.. row.SortBinRules.Select(r => new RuleModel { Field = r.Field, Operator = r.Operator, Value = r.Value, Bin = r.Bin })],
        };
        Errors.Clear();
    }

    private void StartPasswordChange(Sip2TerminalRow row) => (_passwordFor, _newPassword) = (row, null);

    private async Task SaveAsync()
    {
        var settings = new Sip2TerminalSettings(
            _form.LibraryId,
            [.. Sip2TerminalVocabulary.Operations.Where(_form.Operations.Contains)],
            _form.Charset,
            _form.CapturesHolds,
            [.. _form.Rules.Select(r => new Sip2SortBinRule(r.Field, r.Operator, r.Value ?? "", r.Bin ?? ""))]);
        var actor = await Staff.ActorAsync();
        var result = _editing is { } editing
            ? await Admin.UpdateAsync(actor, editing.Id, settings)
            : await Admin.CreateAsync(actor, _form.Login ?? "", _form.Password ?? "", settings);
        if (!Errors.From(result))
        {
            return;
        }

        _shownPassword = _editing is null ? ((_form.Login ?? "").Trim(), _form.Password ?? "") : null;
        Snackbar.Add(L["Common.Saved"], Severity.Success);
        New();
        _rows = await Admin.ListAsync();
    }

    private async Task ChangePasswordAsync(Sip2TerminalRow row)
    {
        var password = _newPassword ?? "";
        if (PasswordErrors.From(await Admin.ChangePasswordAsync(await Staff.ActorAsync(), row.Id, password)))
        {
            _shownPassword = (row.Login, password);
            (_passwordFor, _newPassword) = (null, null);
            Snackbar.Add(R["PasswordChanged"], Severity.Success);
            _rows = await Admin.ListAsync();
        }
    }

    private async Task ToggleAsync(Sip2TerminalRow row)
    {
        if (RowErrors.From(await Admin.SetEnabledAsync(await Staff.ActorAsync(), row.Id, !row.IsEnabled)))
        {
            Snackbar.Add(L["Common.Saved"], Severity.Success);
            _rows = await Admin.ListAsync();
        }
    }

    private sealed class FormModel
    {
        public string? Login { get; set; }

        public string? Password { get; set; }

        public Guid? LibraryId { get; set; }

        public HashSet<string> Operations { get; set; } = ["PatronInformation", "Checkout", "Checkin", "Renew", "ItemInformation"];

        public string Charset { get; set; } = "utf-8";

        public bool CapturesHolds { get; set; } = true;

        public List<RuleModel> Rules { get; set; } = [];
    }

    private sealed class RuleModel
    {
        public string Field { get; set; } = "AlertType";

        public string Operator { get; set; } = "Equal";

        public string? Value { get; set; }

        public string? Bin { get; set; }
    }
}
