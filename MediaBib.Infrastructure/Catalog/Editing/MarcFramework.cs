using MediaBib.Domain.Catalog;

namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>A subfield a framework knows: its code, French label, and whether it may repeat or must be present.</summary>
public sealed record SubfieldDefinition(char Code, string Label, bool Repeatable = false, bool Mandatory = false);

/// <summary>
/// A field a framework knows. <see cref="Indicator1"/> and <see cref="Indicator2"/> list the allowed values (a blank is
/// written as a space); null means any value. Control fields (00X) have no indicators and no subfields.
/// </summary>
public sealed record FieldDefinition(
    string Tag, string Label, bool Repeatable, bool Mandatory, string? Indicator1, string? Indicator2, IReadOnlyList<SubfieldDefinition> Subfields)
{
    public bool IsControl => Tag.StartsWith("00", StringComparison.Ordinal);

    public SubfieldDefinition? Subfield(char code) => Subfields.FirstOrDefault(s => s.Code == code);
}

/// <summary>
/// The cataloguing framework the editor validates against: the tags of a MARC flavour with their French labels,
/// indicators and subfields. Compact on purpose (the fields French public libraries use every day, Koha's default
/// framework as a guide); a tag it does not know is a warning, not an error, so local fields (9XX) stay possible.
/// </summary>
public sealed class MarcFramework
{
    private readonly Dictionary<string, FieldDefinition> _fields;

    private MarcFramework(MarcFlavour flavour, IEnumerable<FieldDefinition> fields)
    {
        Flavour = flavour;
        _fields = fields.ToDictionary(f => f.Tag, StringComparer.Ordinal);
    }

    public MarcFlavour Flavour { get; }

    public IEnumerable<FieldDefinition> Fields => _fields.Values.OrderBy(f => f.Tag, StringComparer.Ordinal);

    public FieldDefinition? Field(string tag) => _fields.GetValueOrDefault(tag);

    public static MarcFramework For(MarcFlavour flavour) => flavour switch
    {
        MarcFlavour.Unimarc => Unimarc,
        MarcFlavour.Marc21 => Marc21,
    };

    public static MarcFramework Unimarc { get; } = new(MarcFlavour.Unimarc, MarcFrameworks.Unimarc());

    public static MarcFramework Marc21 { get; } = new(MarcFlavour.Marc21, MarcFrameworks.Marc21());
}
