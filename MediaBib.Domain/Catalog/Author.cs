using MediaBib.Domain.Common;

namespace MediaBib.Domain.Catalog;

/// <summary>A person or body responsible for works (authority-light: name and dates).</summary>
public sealed class Author : Entity
{
    private Author()
    {
    }

    public Author(string name, string? dates = null, bool isCorporate = false)
    {
        Name = Guard.Required(name, nameof(Name), 300);
        Dates = Guard.Optional(dates, nameof(Dates), 50);
        IsCorporate = isCorporate;
    }

    /// <summary>Display form, inverted for persons: "Hugo, Victor".</summary>
    public string Name { get; private set; } = "";

    public string? Dates { get; private set; }

    public bool IsCorporate { get; private set; }
}

/// <summary>An author's part in a record: relator code (UNIMARC $4, e.g. 070 author, 440 illustrator) and order.</summary>
public sealed class RecordAuthor
{
    private RecordAuthor()
    {
    }

    internal RecordAuthor(Guid recordId, Author author, string? role, int position)
    {
        RecordId = recordId;
        Author = author;
        AuthorId = author.Id;
        Role = Guard.Optional(role, nameof(Role), 16);
        Position = position;
    }

    public Guid RecordId { get; private set; }

    public Guid AuthorId { get; private set; }

    public Author Author { get; private set; } = null!;

    public string? Role { get; private set; }

    public int Position { get; private set; }
}

/// <summary>Kind of subject heading (UNIMARC 606 topic, 607 place, 608 form/genre, 600 person).</summary>
public enum SubjectKind
{
    Topic,
    Geographic,
    Genre,
    Person,
}

/// <summary>A subject heading, e.g. "Romans policiers".</summary>
public sealed class Subject : Entity
{
    private Subject()
    {
    }

    public Subject(string label, SubjectKind kind = SubjectKind.Topic)
    {
        Label = Guard.Required(label, nameof(Label), 300);
        Kind = kind;
    }

    public string Label { get; private set; } = "";

    public SubjectKind Kind { get; private set; }
}

public sealed class RecordSubject
{
    private RecordSubject()
    {
    }

    internal RecordSubject(Guid recordId, Subject subject)
    {
        RecordId = recordId;
        Subject = subject;
        SubjectId = subject.Id;
    }

    public Guid RecordId { get; private set; }

    public Guid SubjectId { get; private set; }

    public Subject Subject { get; private set; } = null!;
}
