using MediaBib.Domain.Common;

namespace MediaBib.Domain.Sites;

/// <summary>A part of a library (Jeunesse, Adultes, Discothèque) holding shelves.</summary>
public sealed class Section : Entity
{
    private readonly List<Shelf> _shelves = [];

    private Section()
    {
    }

    internal Section(Guid libraryId, string code, string name)
    {
        LibraryId = libraryId;
        Code = Guard.Required(code, nameof(Code), 16).ToUpperInvariant();
        Rename(name);
    }

    public Guid LibraryId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public IReadOnlyList<Shelf> Shelves => _shelves;

    public void Rename(string name) => Name = Guard.Required(name, nameof(Name), 100);

    public Shelf AddShelf(string code, string name)
    {
        if (_shelves.Any(s => string.Equals(s.Code, code.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationException("code", ValidationError.Duplicate);
        }

        var shelf = new Shelf(Id, code, name);
        _shelves.Add(shelf);
        return shelf;
    }

    public void RemoveShelf(Shelf shelf) => _shelves.Remove(shelf);
}

/// <summary>A shelf (or bay) inside a section, e.g. "Romans policiers".</summary>
public sealed class Shelf : Entity
{
    private Shelf()
    {
    }

    internal Shelf(Guid sectionId, string code, string name)
    {
        SectionId = sectionId;
        Code = Guard.Required(code, nameof(Code), 16).ToUpperInvariant();
        Rename(name);
    }

    public Guid SectionId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public void Rename(string name) => Name = Guard.Required(name, nameof(Name), 100);
}
