using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Editing;
using MediaBib.Web.Resources;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MediaBib.Web.Components.Catalogue.Editor;

/// <summary>
/// The cataloguer's editor (<c>/catalogue/notices/{id}</c>; rendered by <c>NewRecordPage</c> at
/// <c>/catalogue/notices/nouvelle</c>, which requires <c>records-create</c>): a new record (empty, or a copy-cataloguing result handed over through
/// <see cref="EditorDrafts"/>) or an existing one, with the form and MARC views, items, merge and delete. An existing
/// record is locked for the cataloguer while the page is open (renewed on save, released on leave).
/// </summary>
public sealed partial class RecordEditorPage
{
    private static readonly TimeZoneInfo ParisZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private MarcDraft? _draft;
    private IReadOnlyList<MarcIssue> _issues = [];
    private RecordLockState? _lock;
    private Guid? _userId;
    private string? _title;
    private string? _source;
    private string? _message;
    private Severity _messageSeverity = Severity.Success;
    private bool _marcView;
    private bool _notFound;
    private bool _saving;
    private bool _confirmDelete;
    private bool _touched;
    private int _itemsVersion;
    private Guid? _mergeConfirm;
    private bool _mergeSearched;
    private string? _mergeTerm;
    private IReadOnlyList<RecordListRow> _mergeCandidates = [];

    [Parameter]
    public Guid? Id { get; set; }

    /// <summary>Key of a record handed over by copy cataloguing (<see cref="EditorDrafts"/>).</summary>
    [SupplyParameterFromQuery(Name = "brouillon")]
    public string? DraftKey { get; set; }

    /// <summary>Flavour of a new empty record: <c>marc21</c>, else UNIMARC.</summary>
    [SupplyParameterFromQuery(Name = "format")]
    public string? Format { get; set; }

    /// <summary>Set after the redirect that follows the first save of a new record, to say it was saved.</summary>
    [SupplyParameterFromQuery(Name = "enregistree")]
    public string? JustSaved { get; set; }

    [Inject]
    private RecordEditor Editor { get; set; } = default!;

    [Inject]
    private RecordLocks Locks { get; set; } = default!;

    [Inject]
    private RecordRemoval Removal { get; set; } = default!;

    [Inject]
    private EditorDrafts Drafts { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IStringLocalizer<EditorResource> R { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _message = null;
        _touched = false;
        if (JustSaved == "1")
        {
            Show(Severity.Success, R["Editor.Saved"]);
        }

        var handed = Drafts.Take(DraftKey);
        _source = handed?.Source;
        if (Id is not { } id)
        {
            _draft = handed?.Marc ?? MarcDraft.New(string.Equals(Format, "marc21", StringComparison.OrdinalIgnoreCase) ? MarcFlavour.Marc21 : MarcFlavour.Unimarc);
            _title = null;
        }
        else
        {
            var record = await Editor.LoadAsync(id);
            _notFound = record is null;
            if (record is null)
            {
                return;
            }

            _title = record.Title;
            _draft = handed?.Marc ?? MarcDraft.From(record.Marc, record.Flavour);
            var actor = await Staff.ActorAsync();
            _userId = actor.UserId;
            if (actor.UserId is { } user)
            {
                _lock = await Locks.AcquireAsync(id, user, await Staff.DisplayNameAsync());
            }
        }

        _issues = MarcValidator.Validate(_draft, MarcFramework.For(_draft.Flavour));
    }

    private static string Paris(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, ParisZone).ToString("dd/MM/yyyy HH:mm", CultureInfo.GetCultureInfo("fr-FR"));

    private async Task OnKeyAsync(KeyboardEventArgs e)
    {
        if (e is { Key: "s" or "S", CtrlKey: true })
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        if (_draft is null || _saving)
        {
            return;
        }

        _saving = true;
        _touched = true;
        try
        {
            var result = await Editor.SaveAsync(Id, _draft, await Staff.ActorAsync());
            _issues = result.Issues;
            if (result.Refusal is { } refusal)
            {
                Show(Severity.Error, refusal switch
                {
                    RecordSaveRefusal.InvalidMarc => R["Editor.Refusal.InvalidMarc"],
                    RecordSaveRefusal.MissingTitle => R["Editor.Refusal.MissingTitle"],
                    RecordSaveRefusal.LockedByOther => R["Editor.Refusal.LockedByOther", result.Detail ?? ""],
                    RecordSaveRefusal.NotFound => R["Editor.Refusal.NotFound"],
                    RecordSaveRefusal.InvalidValue => R["Editor.Refusal.InvalidValue", result.Detail ?? ""],
                });
                return;
            }

            var id = result.RecordId!.Value;
            if (Id is null)
            {
                Navigation.NavigateTo($"/catalogue/notices/{id}?enregistree=1");
                return;
            }

            _source = null;
            _title = (await Editor.LoadAsync(id))?.Title;
            if (_userId is { } user)
            {
                // Saved: the lock is released, and taken again at once since the page stays open.
                await Locks.ReleaseAsync(id, user);
                _lock = await Locks.AcquireAsync(id, user, await Staff.DisplayNameAsync());
            }

            Show(Severity.Success, R["Editor.Saved"]);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>An edit: the issues are checked again, and "saved" (or a refusal) no longer describes the record.</summary>
    private void FormChanged()
    {
        _touched = true;
        _message = null;
        _issues = MarcValidator.Validate(_draft!, MarcFramework.For(_draft!.Flavour));
    }

    private async Task FindMergeAsync()
    {
        _mergeConfirm = null;
        _mergeCandidates = [.. (await Editor.FindAsync(_mergeTerm ?? "")).Where(r => r.Id != Id)];
        _mergeSearched = true;
    }

    private async Task MergeAsync(Guid otherId)
    {
        _mergeConfirm = null;
        var result = await Removal.MergeAsync(Id!.Value, otherId, await Staff.ActorAsync());
        if (result.Done)
        {
            (_mergeCandidates, _mergeSearched, _mergeTerm) = ([], false, null);
            _itemsVersion++;
            Show(Severity.Success, R["Editor.Merged", result.Count]);
        }
        else
        {
            Show(Severity.Error, RemovalText(result));
        }
    }

    private async Task DeleteAsync()
    {
        _confirmDelete = false;
        var result = await Removal.DeleteAsync(Id!.Value, await Staff.ActorAsync());
        if (result.Done)
        {
            Navigation.NavigateTo("/catalogue/notices?supprimee=1");
            return;
        }

        Show(Severity.Error, RemovalText(result));
    }

    private string RemovalText(RecordRemovalResult result) => result.Refusal is not { } refusal ? "" : refusal switch
    {
        RecordDeleteRefusal.NotFound => R["Editor.Delete.NotFound"],
        RecordDeleteRefusal.ItemsOnLoan => R["Editor.Delete.ItemsOnLoan", result.Count],
        RecordDeleteRefusal.ActiveHolds => R["Editor.Delete.ActiveHolds", result.Count],
        RecordDeleteRefusal.HasItems => R["Editor.Delete.HasItems", result.Count],
        RecordDeleteRefusal.LockedByOther => R["Editor.Delete.LockedByOther", result.Holder ?? ""],
        RecordDeleteRefusal.SameRecord => R["Editor.Delete.SameRecord"],
    };

    private void Show(Severity severity, string message) => (_messageSeverity, _message) = (severity, message);

    public async ValueTask DisposeAsync()
    {
        if (Id is { } id && _userId is { } user && _lock is { Acquired: true })
        {
            await Locks.ReleaseAsync(id, user);
        }
    }
}
