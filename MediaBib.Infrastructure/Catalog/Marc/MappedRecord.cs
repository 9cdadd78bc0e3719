using MediaBib.Domain.Catalog;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>What the catalogue model takes from a MARC record (the full record is kept alongside as JSON).</summary>
public sealed record MappedRecord
{
    public required MarcFlavour Flavour { get; init; }

    public required RecordType Type { get; init; }

    public string? Title { get; init; }

    public string? Subtitle { get; init; }

    public string? Responsibility { get; init; }

    /// <summary>First ISBN as written, without qualifiers ("2-07-036822-X", not "2-07-036822-X (br.)").</summary>
    public string? Isbn { get; init; }

    public string? Issn { get; init; }

    public int? Year { get; init; }

    public string? Publisher { get; init; }

    public string? Place { get; init; }

    public string? Edition { get; init; }

    public string? Series { get; init; }

    /// <summary>ISO 639-2 code, e.g. <c>fre</c>.</summary>
    public string? Language { get; init; }

    public string? PhysicalDescription { get; init; }

    public string? Summary { get; init; }

    public string? Classification { get; init; }

    /// <summary>001 of the source (BnF record number, ark, SUDOC PPN…).</summary>
    public string? ControlNumber { get; init; }

    public IReadOnlyList<MappedAuthor> Authors { get; init; } = [];

    public IReadOnlyList<MappedSubject> Subjects { get; init; } = [];

    public IReadOnlyList<MappedItem> Items { get; init; } = [];
}

/// <param name="Name">Display form, "Hugo, Victor" for persons.</param>
/// <param name="Dates">Dates as written ("1802-1885").</param>
/// <param name="Role">Relator code: UNIMARC $4 ("070" author), MARC21 $4 or $e.</param>
/// <param name="Position">0-based order in the record.</param>
/// <param name="IsCorporate">A body (UNIMARC 71X, MARC21 110/710) rather than a person.</param>
/// <param name="Tag">The source tag (700, 701, 100…).</param>
public sealed record MappedAuthor(string Name, string? Dates, string? Role, int Position, bool IsCorporate, string Tag);

/// <param name="Label">Heading with its subdivisions, joined by " -- ".</param>
/// <param name="Kind">Topic, place, form/genre or person.</param>
public sealed record MappedSubject(string Label, SubjectKind Kind);

/// <summary>An item (copy) from UNIMARC 995, MARC21 852 or Koha 952.</summary>
public sealed record MappedItem
{
    public string? Owner { get; init; }

    public string? HoldingLibrary { get; init; }

    public string? Location { get; init; }

    public string? Barcode { get; init; }

    public string? InventoryNumber { get; init; }

    public string? CallNumber { get; init; }

    public string? DocumentType { get; init; }

    /// <summary>The tag the item came from (995, 852, 952).</summary>
    public required string Tag { get; init; }
}
