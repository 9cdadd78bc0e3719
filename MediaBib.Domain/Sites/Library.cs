using MediaBib.Domain.Common;

namespace MediaBib.Domain.Sites;

/// <summary>A library (branch) of the network: where items live, where patrons register and where desks work.</summary>
public sealed class Library : Entity
{
    public const int NameMaxLength = 200;

    private readonly List<Section> _sections = [];
    private readonly List<OpeningHours> _openingHours = [];
    private readonly List<ClosedDay> _closedDays = [];

    private Library()
    {
    }

    public Library(LibraryCode code, string name)
    {
        Code = code;
        Rename(name);
    }

    public LibraryCode Code { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>International Standard Identifier for Libraries, e.g. <c>FR-751135201</c>.</summary>
    public string? Isil { get; private set; }

    public Address Address { get; private set; } = Address.Empty;

    public string? Phone { get; private set; }

    public string? Email { get; private set; }

    public IReadOnlyList<Section> Sections => _sections;

    /// <summary>Weekly opening hours; a day without an entry is closed every week.</summary>
    public IReadOnlyList<OpeningHours> OpeningHours => _openingHours;

    /// <summary>Public holidays and exceptional closures.</summary>
    public IReadOnlyList<ClosedDay> ClosedDays => _closedDays;

    public override string ToAuditLabel() => $"{Name} ({Code})";

    public void Rename(string name) => Name = Guard.Required(name, nameof(Name), NameMaxLength);

    public void ChangeCode(LibraryCode code) => Code = code;

    public void UpdateContact(string? isil, Address address, string? phone, string? email)
    {
        Isil = Guard.Optional(isil, nameof(Isil), 32);
        Address = address;
        Phone = Guard.Optional(phone, nameof(Phone), 32);
        Email = Guard.Optional(email, nameof(Email), 254);
    }

    public Section AddSection(string code, string name)
    {
        if (_sections.Any(s => string.Equals(s.Code, code.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationException("code", ValidationError.Duplicate);
        }

        var section = new Section(Id, code, name);
        _sections.Add(section);
        return section;
    }

    public void RemoveSection(Section section) => _sections.Remove(section);

    public void SetOpeningHours(IEnumerable<OpeningHours> hours)
    {
        _openingHours.Clear();
        _openingHours.AddRange(hours.OrderBy(h => h.Day).ThenBy(h => h.Opens));
    }

    public void AddClosedDay(DateOnly date, string reason)
    {
        if (_closedDays.Any(d => d.Date == date))
        {
            throw new ValidationException("date", ValidationError.Duplicate);
        }

        _closedDays.Add(new ClosedDay(date, Guard.Required(reason, "reason", 200)));
    }

    public void RemoveClosedDay(DateOnly date) => _closedDays.RemoveAll(d => d.Date == date);

    /// <summary>The calendar used for due dates and fines at this library.</summary>
    public LibraryCalendar Calendar => new(_openingHours, _closedDays.Select(d => d.Date));
}

/// <summary>A postal address (French format: street, postal code, city).</summary>
public sealed record Address(string? Street, string? PostalCode, string? City, string? Country = "France")
{
    public static Address Empty { get; } = new(null, null, null);

    public override string ToString() =>
        string.Join(", ", new[] { Street, string.Join(' ', new[] { PostalCode, City }.Where(s => !string.IsNullOrWhiteSpace(s))) }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>One opening slot in the week (a library may open twice a day).</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>A day the library is closed although it normally opens (holiday, exceptional closure).</summary>
public sealed record ClosedDay(DateOnly Date, string Reason);
