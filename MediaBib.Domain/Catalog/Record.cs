using MediaBib.Domain.Common;

namespace MediaBib.Domain.Catalog;

/// <summary>Broad kind of a bibliographic record (UNIMARC leader/06-07 and 200$b in practice).</summary>
public enum RecordType
{
    Book,
    Periodical,
    Audio,
    Video,
    Score,
    Map,
    Multimedia,
    Other,
}

/// <summary>Which MARC flavour the stored full record is in.</summary>
public enum MarcFlavour
{
    Unimarc,
    Marc21,
}

/// <summary>
/// A bibliographic record: what the catalogue describes (a title), independent of the physical items. The mapped
/// fields serve search and display; the full MARC record is kept as JSON so an export gives back what was imported.
/// </summary>
public sealed class Record : Entity
{
    public const int TitleMaxLength = 1000;

    private readonly List<RecordAuthor> _authors = [];
    private readonly List<RecordSubject> _subjects = [];

    private Record()
    {
    }

    public Record(RecordType type, string title)
    {
        Type = type;
        Retitle(title);
    }

    public RecordType Type { get; private set; }

    public string Title { get; private set; } = "";

    public string? Subtitle { get; private set; }

    /// <summary>Statement of responsibility as printed (200$f / 245$c).</summary>
    public string? Responsibility { get; private set; }

    public Isbn? Isbn { get; private set; }

    public string? Issn { get; private set; }

    public int? PublicationYear { get; private set; }

    public string? Publisher { get; private set; }

    public string? PlaceOfPublication { get; private set; }

    public string? Edition { get; private set; }

    public string? Series { get; private set; }

    /// <summary>ISO 639-2 code, e.g. <c>fre</c>.</summary>
    public string? Language { get; private set; }

    public string? PhysicalDescription { get; private set; }

    public string? Summary { get; private set; }

    public string? Classification { get; private set; }

    public string? CoverUrl { get; private set; }

    /// <summary>Control number of the source (001), e.g. a BnF ark, for matching on re-import.</summary>
    public string? ControlNumber { get; private set; }

    public MarcFlavour? MarcFlavour { get; private set; }

    /// <summary>The full MARC record as JSON (leader, fields, subfields in order) for a lossless round trip.</summary>
    public string? Marc { get; private set; }

    public IReadOnlyList<RecordAuthor> Authors => _authors;

    public IReadOnlyList<RecordSubject> Subjects => _subjects;

    public override string ToAuditLabel() => Isbn is { } isbn ? $"{Title} ({isbn})" : Title;

    public void Retitle(string title, string? subtitle = null)
    {
        Title = Guard.Required(title, nameof(Title), TitleMaxLength);
        Subtitle = Guard.Optional(subtitle, nameof(Subtitle), TitleMaxLength);
    }

    public void Describe(
        RecordType type,
        string? responsibility,
        Isbn? isbn,
        string? issn,
        int? year,
        string? publisher,
        string? place,
        string? edition,
        string? series,
        string? language,
        string? physicalDescription,
        string? summary,
        string? classification)
    {
        if (year is < 0 or > 9999)
        {
            throw new ValidationException("publicationYear", ValidationError.OutOfRange);
        }

        Type = type;
        Responsibility = Guard.Optional(responsibility, nameof(Responsibility), 1000);
        Isbn = isbn;
        Issn = Guard.Optional(issn, nameof(Issn), 9);
        PublicationYear = year;
        Publisher = Guard.Optional(publisher, nameof(Publisher), 300);
        PlaceOfPublication = Guard.Optional(place, nameof(PlaceOfPublication), 200);
        Edition = Guard.Optional(edition, nameof(Edition), 200);
        Series = Guard.Optional(series, nameof(Series), 500);
        Language = Guard.Optional(language, nameof(Language), 3);
        PhysicalDescription = Guard.Optional(physicalDescription, nameof(PhysicalDescription), 300);
        Summary = Guard.Optional(summary, nameof(Summary), 10_000);
        Classification = Guard.Optional(classification, nameof(Classification), 100);
    }

    public void SetCover(string? coverUrl) => CoverUrl = Guard.Optional(coverUrl, nameof(CoverUrl), 1000);

    public void AttachMarc(MarcFlavour flavour, string marcJson, string? controlNumber)
    {
        MarcFlavour = flavour;
        Marc = marcJson;
        ControlNumber = Guard.Optional(controlNumber, nameof(ControlNumber), 100);
    }

    public void AddAuthor(Author author, string? role)
    {
        _authors.Add(new RecordAuthor(Id, author, role, _authors.Count));
    }

    public void ClearAuthors() => _authors.Clear();

    public void AddSubject(Subject subject)
    {
        if (_subjects.All(s => s.SubjectId != subject.Id))
        {
            _subjects.Add(new RecordSubject(Id, subject));
        }
    }

    public void ClearSubjects() => _subjects.Clear();
}
