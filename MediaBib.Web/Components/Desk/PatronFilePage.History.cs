using MediaBib.Infrastructure.Desk;
using Microsoft.AspNetCore.Components;

namespace MediaBib.Web.Components.Desk;

/// <summary>The patron's audit history (the patron, their loans, holds, fines and notices), a page at a time.</summary>
public sealed partial class PatronFilePage
{
    private static readonly PatronHistoryPage EmptyHistory = new([], 0, 0, PatronHistoryQueries.DefaultPageSize);

    private PatronHistoryPage _history = EmptyHistory;

    [Inject]
    private PatronHistoryQueries History { get; set; } = default!;

    private async Task HistoryPageAsync(int page) => _history = await History.PageAsync(Id, Math.Max(0, page));

    /// <summary>The action in the desk's words ("Prêt", "Remise d'amende"); an action without a label shows its code.</summary>
    private string ActionText(string code) => D["History.Action." + code] is { ResourceNotFound: false } text ? text.Value : code;

    /// <summary>"Amende Carte perdue"; labels that only repeat the type and id ("Loan 01…") are left out.</summary>
    private string ObjectText(PatronHistoryLine line)
    {
        if (line.ObjectType is not { } type)
        {
            return "";
        }

        var name = D["History.Object." + type] is { ResourceNotFound: false } text ? text.Value : type;
        return line.ObjectLabel is { } label && !label.StartsWith(type + " ", StringComparison.Ordinal) ? $"{name} {label}" : name;
    }

    /// <summary>The entry's message, and for a change the fields it changed (a creation lists every field: left out).</summary>
    private static string Details(PatronHistoryLine line) =>
        line.Action == "update" && line.ChangedFields.Length > 0
            ? $"{line.Message} ({string.Join(", ", line.ChangedFields)})".TrimStart()
            : line.Message ?? "";
}
