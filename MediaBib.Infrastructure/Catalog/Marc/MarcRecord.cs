namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>
/// A MARC record as read from a file or an SRU answer: the 24-character leader and the fields in their original order.
/// Text is Unicode (legacy character sets are converted on the way in). Fields are immutable; the list is not, so an
/// export can replace the item fields (995, 852, 952) with the current items.
/// </summary>
public sealed class MarcRecord
{
    public const int LeaderLength = 24;

    private string _leader;

    public MarcRecord(string leader, IEnumerable<MarcField>? fields = null)
    {
        _leader = CheckLeader(leader);
        Fields = fields is null ? [] : [.. fields];
    }

    /// <summary>The leader, always 24 characters. Lengths (0-4, 12-16) are recomputed by the ISO 2709 writer.</summary>
    public string Leader
    {
        get => _leader;
        set => _leader = CheckLeader(value);
    }

    public List<MarcField> Fields { get; }

    public IEnumerable<MarcField> GetFields(string tag) => Fields.Where(f => f.Tag == tag);

    public IEnumerable<MarcDataField> GetDataFields(string tag) => Fields.OfType<MarcDataField>().Where(f => f.Tag == tag);

    public IEnumerable<MarcDataField> GetDataFields(Func<string, bool> tagFilter) =>
        Fields.OfType<MarcDataField>().Where(f => tagFilter(f.Tag));

    /// <summary>The data of the first control field with this tag (001, 003, 005, 008…), or null.</summary>
    public string? ControlValue(string tag) =>
        Fields.OfType<MarcControlField>().FirstOrDefault(f => f.Tag == tag)?.Data;

    public MarcDataField? FirstDataField(string tag) => Fields.OfType<MarcDataField>().FirstOrDefault(f => f.Tag == tag);

    /// <summary>The first value of subfield <paramref name="code"/> in the first field <paramref name="tag"/> that has it.</summary>
    public string? FirstSubfield(string tag, char code) =>
        GetDataFields(tag).Select(f => f.First(code)).FirstOrDefault(v => v is not null);

    /// <summary>Same content (leader and fields in the same order).</summary>
    public bool ContentEquals(MarcRecord other) =>
        Leader == other.Leader && Fields.SequenceEqual(other.Fields);

    public override string ToString() => $"{Leader} ({Fields.Count} fields)";

    private static string CheckLeader(string leader)
    {
        ArgumentNullException.ThrowIfNull(leader);
        if (leader.Length != LeaderLength)
        {
            throw new ArgumentException($"A MARC leader has {LeaderLength} characters, not {leader.Length}.", nameof(leader));
        }

        return leader;
    }
}

/// <summary>A field: a control field (tag 00X, data only) or a data field (indicators and subfields).</summary>
public abstract record MarcField
{
    protected MarcField(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Length != 3)
        {
            throw new ArgumentException($"A MARC tag has 3 characters: '{tag}'.", nameof(tag));
        }

        Tag = tag;
    }

    public string Tag { get; }

    /// <summary>ISO 2709 convention (also yaz's): tags starting with "00" are control fields.</summary>
    public static bool IsControlTag(string tag) => tag.StartsWith("00", StringComparison.Ordinal);
}

public sealed record MarcControlField : MarcField
{
    public MarcControlField(string tag, string data)
        : base(tag)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public string Data { get; }

    public override string ToString() => $"{Tag} {Data}";
}

public sealed record MarcDataField : MarcField
{
    private readonly MarcSubfield[] _subfields;

    public MarcDataField(string tag, char indicator1, char indicator2, IEnumerable<MarcSubfield> subfields)
        : base(tag)
    {
        Indicator1 = indicator1;
        Indicator2 = indicator2;
        _subfields = [.. subfields];
    }

    public MarcDataField(string tag, char indicator1, char indicator2, params ReadOnlySpan<MarcSubfield> subfields)
        : base(tag)
    {
        Indicator1 = indicator1;
        Indicator2 = indicator2;
        _subfields = subfields.ToArray();
    }

    private MarcDataField(string tag, char indicator1, char indicator2, MarcSubfield[] subfields, bool owned)
        : base(tag)
    {
        Indicator1 = indicator1;
        Indicator2 = indicator2;
        _subfields = owned ? subfields : [.. subfields];
    }

    public char Indicator1 { get; }

    public char Indicator2 { get; }

    public IReadOnlyList<MarcSubfield> Subfields => _subfields;

    /// <summary>The subfields as a span (no enumerator), for the readers, writers and the mapper.</summary>
    internal ReadOnlySpan<MarcSubfield> SubfieldSpan => _subfields;

    /// <summary>A field that keeps <paramref name="subfields"/> as is (the caller gives up the array): no copy.</summary>
    internal static MarcDataField Own(string tag, char indicator1, char indicator2, MarcSubfield[] subfields) =>
        new(tag, indicator1, indicator2, subfields, owned: true);

    public string? First(char code)
    {
        foreach (var s in _subfields)
        {
            if (s.Code == code)
            {
                return s.Value;
            }
        }

        return null;
    }

    public IEnumerable<string> All(char code) => _subfields.Where(s => s.Code == code).Select(s => s.Value);

    public bool Equals(MarcDataField? other) =>
        other is not null && Tag == other.Tag && Indicator1 == other.Indicator1 && Indicator2 == other.Indicator2
        && _subfields.AsSpan().SequenceEqual(other._subfields);

    public override int GetHashCode() => HashCode.Combine(Tag, Indicator1, Indicator2, _subfields.Length);

    public override string ToString() =>
        $"{Tag} {Indicator1}{Indicator2} {string.Concat(_subfields.Select(s => $"${s.Code}{s.Value}"))}";
}

public readonly record struct MarcSubfield(char Code, string Value);
