using MediaBib.Infrastructure.Catalog.CopyCataloguing;
using MediaBib.Infrastructure.Catalog.Editing;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Web.Resources;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Components.Catalogue;

/// <summary>
/// Copy cataloguing: search the configured Z39.50/SRU targets (<see cref="CopyCatalogue"/>), see each target's records
/// side by side with what the catalogue already has, and import one through the catalogue import (audited).
/// </summary>
public sealed partial class CopyCataloguingPage
{
    private readonly HashSet<string> _chosen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string, long), CopyImportResult> _imports = [];
    private string? _isbn;
    private string? _title;
    private string? _author;
    private MatchAction _onMatch = MatchAction.Skip;
    private IReadOnlyList<CopySearchResult>? _results;
    private string? _formError;
    private bool _searching;
    private bool _importing;

    [Inject]
    private CopyCatalogue Copy { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CatalogueResource> R { get; set; } = default!;

    [Inject]
    private IStringLocalizer<EditorResource> E { get; set; } = default!;

    [Inject]
    private Editor.EditorDrafts Drafts { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Where a catalogue record is shown (the record page of the catalogue).</summary>
    public static string RecordHref(Guid id) => $"/opac/notice/{id}";

    protected override void OnInitialized()
    {
        foreach (var target in Copy.Targets)
        {
            _chosen.Add(target.Id);
        }
    }

    private static (string, long) Key(CopyCatalogueRecord record) => (record.TargetId, record.Position);

    private void Choose(string id, bool on)
    {
        if (on)
        {
            _chosen.Add(id);
        }
        else
        {
            _chosen.Remove(id);
        }
    }

    private async Task SearchAsync()
    {
        var query = new CopyCatalogueQuery { Isbn = _isbn, Title = _title, Author = _author };
        _formError = query.IsEmpty ? R["Copy.EmptyQuery"].Value : _chosen.Count == 0 ? R["Copy.NoTargetChosen"].Value : null;
        if (_formError is not null)
        {
            return;
        }

        _searching = true;
        _imports.Clear();
        try
        {
            _results = await Copy.SearchAsync(query, [.. _chosen]);
        }
        finally
        {
            _searching = false;
        }
    }

    private async Task ImportAsync(CopyCatalogueRecord record)
    {
        _importing = true;
        try
        {
            _imports[Key(record)] = await Copy.ImportAsync(record, _onMatch, await Staff.ActorAsync());
        }
        finally
        {
            _importing = false;
        }
    }

    /// <summary>Opens the found record in the editor, unsaved: as a new record, or over an existing one (overlay).</summary>
    private void OpenInEditor(CopyCatalogueRecord record, Guid? existingId)
    {
        var target = Copy.Targets.FirstOrDefault(t => t.Id == record.TargetId)?.Name ?? record.TargetId;
        var key = Drafts.Put(new Editor.EditorDraft(MarcDraft.From(record.Marc, record.Flavour), target));
        Navigation.NavigateTo(existingId is { } id ? $"/catalogue/notices/{id}?brouillon={key}" : $"/catalogue/notices/nouvelle?brouillon={key}");
    }

    private string ImportText(CopyImportResult result) => result.Outcome switch
    {
        CopyImportOutcome.Created => R["Copy.Created"],
        CopyImportOutcome.Replaced => R["Copy.Replaced"],
        CopyImportOutcome.Merged => R["Copy.Merged"],
        CopyImportOutcome.AlreadyInCatalogue => R["Copy.Skipped"],
        CopyImportOutcome.Rejected => R["Copy.ImportRejected", result.Detail ?? ""],
    };
}
