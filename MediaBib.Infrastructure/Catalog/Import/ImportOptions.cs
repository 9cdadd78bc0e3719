using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.Import;

/// <summary>Syntax of the file to import.</summary>
public enum ImportFormat
{
    /// <summary>From the first bytes: '&lt;' (after a BOM or blanks) means XML, anything else ISO 2709.</summary>
    Detect,
    Iso2709,

    /// <summary>MARCXML, MarcXchange, UNIMARC XML without namespace, SRU answers.</summary>
    MarcXml,
}

/// <summary>Which identifiers find an existing record for an incoming one (tried in this order).</summary>
[Flags]
public enum ImportMatch
{
    None = 0,

    /// <summary>001 of the source (BnF record number, SUDOC PPN…), stored in <c>Record.ControlNumber</c>.</summary>
    ControlNumber = 1,

    /// <summary>ISBN or EAN (010/020), ISBN-10 and ISBN-13 forms compared.</summary>
    Isbn = 2,

    /// <summary>ISSN (011/022).</summary>
    Issn = 4,
}

/// <summary>What to do with an incoming record that matches an existing one.</summary>
public enum MatchAction
{
    /// <summary>Leave the existing record alone; the incoming record and its items are reported as a duplicate.</summary>
    Skip,

    /// <summary>The incoming description and MARC record replace the existing ones; its items are added.</summary>
    Replace,

    /// <summary>Incoming values win where present, the existing record's values stay where the incoming is empty; MARC
    /// fields the incoming lacks are kept; subjects are united; items are added.</summary>
    Merge,
}

/// <summary>
/// How codes in the item fields become MediaBib libraries and item types. A code is looked up in the table, then taken
/// as a MediaBib code directly, then the default applies. Library candidates, in order: owner (995$b, 852$a, 952$a), then
/// holding library (995$c, 852$b, 952$b). Type: 995$r, 952$y.
/// </summary>
public sealed record ItemMapping
{
    /// <summary>Code found in the file → MediaBib library code.</summary>
    public IReadOnlyDictionary<string, string> Libraries { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? DefaultLibraryCode { get; init; }

    /// <summary>Document type found in the file → MediaBib item type code.</summary>
    public IReadOnlyDictionary<string, string> ItemTypes { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? DefaultItemTypeCode { get; init; }
}

public sealed record ImportOptions
{
    public ImportFormat Format { get; init; } = ImportFormat.Detect;

    /// <summary>Null: detected per record (<see cref="MarcFlavourDetector"/>).</summary>
    public MarcFlavour? Flavour { get; init; }

    /// <summary>Character set forced on ISO 2709 input (e.g. ISO 6937 files that do not say so); null detects.</summary>
    public MarcEncoding? ForceEncoding { get; init; }

    public ImportMatch MatchOn { get; init; } = ImportMatch.ControlNumber | ImportMatch.Isbn | ImportMatch.Issn;

    public MatchAction OnMatch { get; init; } = MatchAction.Skip;

    public ItemMapping Items { get; init; } = new();

    /// <summary>Records per transaction (one COPY of each table, one match query, one audit entry).</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Name of the file, for the audit log and the report.</summary>
    public string? SourceName { get; init; }

    /// <summary>
    /// Lists the id of every record created, replaced or merged in <see cref="ImportReport.WrittenRecords"/> (for small
    /// imports such as one copied record, whose page links to the result; a migration leaves it off).
    /// </summary>
    public bool ListWrittenRecords { get; init; }

    /// <summary>Most problems kept in the report's list (they are all counted).</summary>
    public int MaxReportedProblems { get; init; } = 100_000;
}

/// <summary>Counts so far, reported after every batch.</summary>
public readonly record struct ImportProgress(
    long Read,
    long Created,
    long Replaced,
    long Merged,
    long Skipped,
    long Rejected,
    long ItemsCreated,
    long ItemsNotCreated);
