using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>
/// A MARC record while the cataloguer edits it: mutable fields and subfields in order, in any state (a tag half typed,
/// an empty subfield). <see cref="ToRecord"/> gives the <see cref="MarcRecord"/> that is saved, without the empty parts.
/// </summary>
public sealed class MarcDraft
{
    /// <summary>Leader of a new record: new (n), language material (a), monograph (m), Unicode for MARC21 (a at 09).</summary>
    public const string UnimarcNewLeader = "     nam0 22     450 ";

    public const string Marc21NewLeader = "     nam a22     7a 4500";

    public MarcDraft(MarcFlavour flavour, string leader, IEnumerable<DraftField>? fields = null)
    {
        Flavour = flavour;
        Leader = leader;
        Fields = fields is null ? [] : [.. fields];
    }

    public MarcFlavour Flavour { get; }

    public string Leader { get; set; }

    public List<DraftField> Fields { get; }

    /// <summary>An empty record with the fields a cataloguer fills first (title, language, authors, publication).</summary>
    public static MarcDraft New(MarcFlavour flavour) => flavour switch
    {
        MarcFlavour.Unimarc => new MarcDraft(flavour, UnimarcNewLeader,
        [
            DraftField.Of("010", ' ', ' ', ('a', "")),
            DraftField.Of("101", '0', ' ', ('a', "fre")),
            DraftField.Of("200", '1', ' ', ('a', ""), ('f', "")),
            DraftField.Of("210", ' ', ' ', ('a', ""), ('c', ""), ('d', "")),
            DraftField.Of("215", ' ', ' ', ('a', "")),
            DraftField.Of("700", ' ', '1', ('a', ""), ('b', ""), ('4', "070")),
        ]),
        MarcFlavour.Marc21 => new MarcDraft(flavour, Marc21NewLeader,
        [
            DraftField.Of("020", ' ', ' ', ('a', "")),
            DraftField.Of("041", ' ', ' ', ('a', "fre")),
            DraftField.Of("100", '1', ' ', ('a', "")),
            DraftField.Of("245", '1', '0', ('a', ""), ('c', "")),
            DraftField.Of("264", ' ', '1', ('a', ""), ('b', ""), ('c', "")),
            DraftField.Of("300", ' ', ' ', ('a', "")),
        ]),
    };

    public static MarcDraft From(MarcRecord record, MarcFlavour flavour)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MarcDraft(flavour, record.Leader, record.Fields.Select(f => f switch
        {
            MarcControlField c => DraftField.Control(c.Tag, c.Data),
            MarcDataField d => new DraftField(d.Tag, d.Indicator1, d.Indicator2, null, d.Subfields.Select(s => new DraftSubfield(s.Code, s.Value))),
            _ => throw new ArgumentException($"Unknown field type {f.GetType().Name}", nameof(record)),
        }));
    }

    /// <summary>The record to save: well-formed tags only, empty subfields and fields without content left out.</summary>
    public MarcRecord ToRecord()
    {
        var fields = new List<MarcField>();
        foreach (var field in Fields.Where(f => f.HasValidTag))
        {
            if (field.IsControl)
            {
                if (!string.IsNullOrWhiteSpace(field.Data))
                {
                    fields.Add(new MarcControlField(field.Tag, field.Data.Trim()));
                }

                continue;
            }

            var subfields = field.Subfields.Where(s => s.Code != ' ' && !string.IsNullOrWhiteSpace(s.Value))
                .Select(s => new MarcSubfield(s.Code, s.Value.Trim())).ToList();
            if (subfields.Count > 0)
            {
                fields.Add(new MarcDataField(field.Tag, field.Indicator1, field.Indicator2, subfields));
            }
        }

        var leader = Leader.Length == MarcRecord.LeaderLength ? Leader : Leader.PadRight(MarcRecord.LeaderLength)[..MarcRecord.LeaderLength];
        return new MarcRecord(leader, fields);
    }

    /// <summary>Inserts a field where the tag order puts it (after the last field with a smaller or equal tag).</summary>
    public DraftField InsertInOrder(DraftField field)
    {
        var at = Fields.FindLastIndex(f => string.CompareOrdinal(f.Tag, field.Tag) <= 0);
        Fields.Insert(at + 1, field);
        return field;
    }

    public static void Move<T>(List<T> list, int index, int offset)
    {
        ArgumentNullException.ThrowIfNull(list);
        var target = index + offset;
        if (index < 0 || index >= list.Count || target < 0 || target >= list.Count)
        {
            return;
        }

        (list[index], list[target]) = (list[target], list[index]);
    }
}

/// <summary>A field being edited. Control fields use <see cref="Data"/>, data fields indicators and subfields.</summary>
public sealed class DraftField(string tag, char indicator1, char indicator2, string? data, IEnumerable<DraftSubfield>? subfields = null)
{
    /// <summary>Stable identity for the UI (keys of rendered rows), not saved.</summary>
    public Guid Key { get; } = Guid.NewGuid();

    public string Tag { get; set; } = tag;

    public char Indicator1 { get; set; } = indicator1;

    public char Indicator2 { get; set; } = indicator2;

    public string Data { get; set; } = data ?? "";

    public List<DraftSubfield> Subfields { get; } = subfields is null ? [] : [.. subfields];

    public bool HasValidTag => Tag.Length == 3 && Tag.All(char.IsAsciiLetterOrDigit);

    public bool IsControl => MarcField.IsControlTag(Tag);

    public static DraftField Control(string tag, string data) => new(tag, ' ', ' ', data);

    public static DraftField Of(string tag, char ind1, char ind2, params (char Code, string Value)[] subfields) =>
        new(tag, ind1, ind2, null, subfields.Select(s => new DraftSubfield(s.Code, s.Value)));

    public string? First(char code) => Subfields.FirstOrDefault(s => s.Code == code)?.Value;

    /// <summary>Sets the first subfield <paramref name="code"/>, adding it when missing and removing it when the value is empty.</summary>
    public void Set(char code, string? value)
    {
        var existing = Subfields.FirstOrDefault(s => s.Code == code);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (existing is not null)
            {
                Subfields.Remove(existing);
            }

            return;
        }

        if (existing is null)
        {
            Subfields.Add(new DraftSubfield(code, value));
        }
        else
        {
            existing.Value = value;
        }
    }
}

public sealed class DraftSubfield(char code, string value)
{
    public Guid Key { get; } = Guid.NewGuid();

    public char Code { get; set; } = code;

    public string Value { get; set; } = value;
}
