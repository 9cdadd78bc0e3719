using System.Globalization;
using System.Text;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.Import;

/// <summary>Why a record or an item of the file was not imported as such. Each value has a stable code.</summary>
public enum ImportProblemReason
{
    /// <summary>The codec rejected the record (the MARC code is in <see cref="ImportProblem.Code"/>).</summary>
    MalformedRecord,

    /// <summary>The record has no title (UNIMARC 200$a, MARC21 245$a).</summary>
    MissingTitle,

    /// <summary>A mapped value breaks a rule of the catalogue model.</summary>
    InvalidRecord,

    /// <summary>An existing record matched and the action is Skip.</summary>
    DuplicateRecord,

    /// <summary>The item field has no barcode.</summary>
    ItemBarcodeMissing,

    /// <summary>The barcode is not 1-32 letters, digits or dashes.</summary>
    ItemBarcodeInvalid,

    /// <summary>An item with this barcode already exists (in the catalogue or earlier in the same batch).</summary>
    ItemBarcodeExists,

    /// <summary>No library found for the item's codes and no default library.</summary>
    ItemLibraryUnknown,

    /// <summary>No item type found for the item's document type and no default type.</summary>
    ItemTypeUnknown,
}

public static class ImportProblemReasons
{
    public static string ToCode(this ImportProblemReason reason) => reason switch
    {
        ImportProblemReason.MalformedRecord => "import.malformed-record",
        ImportProblemReason.MissingTitle => "import.missing-title",
        ImportProblemReason.InvalidRecord => "import.invalid-record",
        ImportProblemReason.DuplicateRecord => "import.duplicate-record",
        ImportProblemReason.ItemBarcodeMissing => "import.item-barcode-missing",
        ImportProblemReason.ItemBarcodeInvalid => "import.item-barcode-invalid",
        ImportProblemReason.ItemBarcodeExists => "import.item-barcode-exists",
        ImportProblemReason.ItemLibraryUnknown => "import.item-library-unknown",
        ImportProblemReason.ItemTypeUnknown => "import.item-type-unknown",
    };

    /// <summary>French label for the downloadable report.</summary>
    public static string ToFrench(this ImportProblemReason reason) => reason switch
    {
        ImportProblemReason.MalformedRecord => "Notice mal formée",
        ImportProblemReason.MissingTitle => "Notice sans titre",
        ImportProblemReason.InvalidRecord => "Notice invalide",
        ImportProblemReason.DuplicateRecord => "Doublon ignoré",
        ImportProblemReason.ItemBarcodeMissing => "Exemplaire sans code-barres",
        ImportProblemReason.ItemBarcodeInvalid => "Code-barres invalide",
        ImportProblemReason.ItemBarcodeExists => "Code-barres déjà présent",
        ImportProblemReason.ItemLibraryUnknown => "Bibliothèque inconnue",
        ImportProblemReason.ItemTypeUnknown => "Type de document inconnu",
    };

    /// <summary>True when the whole record was left out (as opposed to one of its items).</summary>
    public static bool IsRecordRejection(this ImportProblemReason reason) =>
        reason is ImportProblemReason.MalformedRecord or ImportProblemReason.MissingTitle or ImportProblemReason.InvalidRecord;
}

/// <param name="Reason">Why the record or item was left out.</param>
/// <param name="RecordNumber">1-based position of the record in the file.</param>
/// <param name="ByteOffset">Where the record starts in an ISO 2709 file.</param>
/// <param name="Line">Line in an XML file, when known.</param>
/// <param name="Code">Stable code: the codec's <c>marc.*</c> code for malformed records, else <c>import.*</c>.</param>
/// <param name="Detail">What was found (English, technical; shown as is in the report).</param>
/// <param name="Key">The identifier involved: matched key (<c>isbn:…</c>), barcode, library or type code.</param>
/// <param name="ExistingRecordId">The catalogue record a duplicate matched, or that holds an existing barcode.</param>
public sealed record ImportProblem(
    ImportProblemReason Reason,
    long RecordNumber,
    long? ByteOffset,
    int? Line,
    string Code,
    string Detail,
    string? Key = null,
    Guid? ExistingRecordId = null)
{
    public static ImportProblem FromReadError(MarcReadError error) =>
        new(ImportProblemReason.MalformedRecord, error.RecordNumber, error.ByteOffset, error.Line, error.Code, error.Detail);
}

/// <summary>A record of the file written to the catalogue (created, replaced or merged).</summary>
public sealed record ImportedRecord(long RecordNumber, Guid RecordId);

/// <summary>What an import did: counts, and every record or item left out with its reason.</summary>
public sealed class ImportReport
{
    private readonly List<ImportProblem> _problems = [];
    private readonly List<ImportedRecord> _written = [];
    private readonly int _maxProblems;

    public ImportReport(string? sourceName, int maxProblems = 100_000)
    {
        SourceName = sourceName;
        _maxProblems = maxProblems;
    }

    public string? SourceName { get; }

    /// <summary>Records and rejected chunks read from the file.</summary>
    public long Read { get; private set; }

    public long Created { get; private set; }

    public long Replaced { get; private set; }

    public long Merged { get; private set; }

    /// <summary>Records that matched an existing record and were left out (action Skip).</summary>
    public long Skipped { get; private set; }

    public long Rejected { get; private set; }

    public long ItemsCreated { get; private set; }

    public long ItemsNotCreated { get; private set; }

    public long AuthorsCreated { get; private set; }

    public long SubjectsCreated { get; private set; }

    /// <summary>Problems beyond <c>MaxReportedProblems</c> are counted but not listed.</summary>
    public long ProblemsNotListed { get; private set; }

    public IReadOnlyList<ImportProblem> Problems => _problems;

    /// <summary>Records created, replaced or merged, when <see cref="ImportOptions.ListWrittenRecords"/> is set.</summary>
    public IReadOnlyList<ImportedRecord> WrittenRecords => _written;

    public IEnumerable<ImportProblem> Rejections => _problems.Where(p => p.Reason.IsRecordRejection());

    public IEnumerable<ImportProblem> Duplicates => _problems.Where(p => p.Reason == ImportProblemReason.DuplicateRecord);

    public ImportProgress Progress
    {
        get
        {
            lock (_lock)
            {
                return new(Read, Created, Replaced, Merged, Skipped, Rejected, ItemsCreated, ItemsNotCreated);
            }
        }
    }

    private readonly Lock _lock = new();

    internal void CountRead()
    {
        lock (_lock)
        {
            Read++;
        }
    }

    /// <summary>A record left out while reading (malformed, no title, invalid).</summary>
    internal void Reject(ImportProblem problem)
    {
        lock (_lock)
        {
            Rejected++;
            Add(problem);
        }
    }

    /// <summary>Counts and problems of a committed batch.</summary>
    internal void AddWritten(
        long created, long replaced, long merged, long skipped, long itemsCreated, long itemsNotCreated, long authors, long subjects,
        IEnumerable<ImportProblem> problems, IEnumerable<ImportedRecord>? written = null)
    {
        lock (_lock)
        {
            if (written is not null)
            {
                _written.AddRange(written);
            }

            Created += created;
            Replaced += replaced;
            Merged += merged;
            Skipped += skipped;
            ItemsCreated += itemsCreated;
            ItemsNotCreated += itemsNotCreated;
            AuthorsCreated += authors;
            SubjectsCreated += subjects;
            foreach (var problem in problems)
            {
                Add(problem);
            }
        }
    }

    /// <summary>Problems in file order (reading and writing report them from two threads).</summary>
    internal void SortProblems()
    {
        lock (_lock)
        {
            var sorted = _problems.OrderBy(p => p.RecordNumber).ToList();
            _problems.Clear();
            _problems.AddRange(sorted);
        }
    }

    private void Add(ImportProblem problem)
    {
        if (_problems.Count < _maxProblems)
        {
            _problems.Add(problem);
        }
        else
        {
            ProblemsNotListed++;
        }
    }

    /// <summary>
    /// Writes the report as CSV for download: UTF-8 with a BOM (so spreadsheet software reads the accents), ';'
    /// separators, French headers. First the totals, then one line per record or item left out.
    /// </summary>
    public async Task WriteCsvAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync("Catégorie;N° de notice;Position (octet);Ligne;Code;Détail;Clé;Notice existante".AsMemory(), cancellationToken);
        foreach (var (label, count) in new (string, long)[]
        {
            ("Notices lues", Read), ("Notices créées", Created), ("Notices remplacées", Replaced),
            ("Notices fusionnées", Merged), ("Doublons ignorés", Skipped), ("Notices rejetées", Rejected),
            ("Exemplaires créés", ItemsCreated), ("Exemplaires non créés", ItemsNotCreated),
        })
        {
            await writer.WriteLineAsync(Line("Total", null, null, null, label, count.ToString(CultureInfo.InvariantCulture), null, null).AsMemory(), cancellationToken);
        }

        foreach (var p in _problems)
        {
            await writer.WriteLineAsync(Line(p.Reason.ToFrench(), p.RecordNumber, p.ByteOffset, p.Line, p.Code, p.Detail, p.Key, p.ExistingRecordId).AsMemory(), cancellationToken);
        }

        if (ProblemsNotListed > 0)
        {
            await writer.WriteLineAsync(Line("Total", null, null, null, "Problèmes non listés",
                ProblemsNotListed.ToString(CultureInfo.InvariantCulture), null, null).AsMemory(), cancellationToken);
        }
    }

    private static string Line(string category, long? number, long? offset, int? line, string code, string detail, string? key, Guid? existing) =>
        string.Join(';',
            Cell(category),
            number?.ToString(CultureInfo.InvariantCulture) ?? "",
            offset?.ToString(CultureInfo.InvariantCulture) ?? "",
            line?.ToString(CultureInfo.InvariantCulture) ?? "",
            Cell(code),
            Cell(detail),
            Cell(key),
            existing?.ToString() ?? "");

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
