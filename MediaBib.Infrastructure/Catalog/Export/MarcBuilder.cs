using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.Export;

/// <summary>An item as written into the exported record (codes already resolved).</summary>
public sealed record ExportItem(string Barcode, string? HomeLibraryCode, string? CurrentLibraryCode, string? CallNumber, string? InventoryNumber, string? ItemTypeCode);

/// <summary>
/// Builds MARC for export: the item fields regenerated from the current items (UNIMARC 995, MARC21 852), and a whole
/// record from the mapped fields for records that have no stored MARC record (created by hand or by the seeder).
/// </summary>
public static class MarcBuilder
{
    /// <summary>Replaces the record's item fields (995 for UNIMARC; 852 and Koha's 952 for MARC21) by fields built from <paramref name="items"/>.</summary>
    public static MarcRecord WithItems(MarcRecord stored, MarcFlavour flavour, IEnumerable<ExportItem> items)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var isItemField = flavour == MarcFlavour.Unimarc
            ? (Func<string, bool>)(t => t == "995")
            : t => t is "852" or "952";
        var tag = flavour == MarcFlavour.Unimarc ? "995" : "852";
        var fields = new List<MarcField>(stored.Fields.Count);
        var at = -1;
        foreach (var field in stored.Fields)
        {
            if (isItemField(field.Tag))
            {
                at = at < 0 ? fields.Count : at;
                continue;
            }

            fields.Add(field);
        }

        if (at < 0)
        {
            at = fields.FindIndex(f => string.CompareOrdinal(f.Tag, tag) > 0);
            at = at < 0 ? fields.Count : at;
        }

        fields.InsertRange(at, items.Select(i => ItemField(i, flavour)));
        return new MarcRecord(stored.Leader, fields);
    }

    public static MarcDataField ItemField(ExportItem item, MarcFlavour flavour)
    {
        ArgumentNullException.ThrowIfNull(item);
        var subfields = new List<MarcSubfield>(6);
        void Add(char code, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                subfields.Add(new MarcSubfield(code, value));
            }
        }

        if (flavour == MarcFlavour.Unimarc)
        {
            // French exchange recommendation: b owner, c holding library, f barcode, j inventory, k call number, r type.
            Add('b', item.HomeLibraryCode);
            Add('c', item.CurrentLibraryCode);
            Add('f', item.Barcode);
            Add('j', item.InventoryNumber);
            Add('k', item.CallNumber);
            Add('r', item.ItemTypeCode);
            return new MarcDataField("995", ' ', ' ', subfields);
        }

        // MARC21 holdings: a location (owning library), b sublocation (where it is), h call number, p barcode.
        Add('a', item.HomeLibraryCode);
        Add('b', item.CurrentLibraryCode);
        Add('h', item.CallNumber);
        Add('p', item.Barcode);
        return new MarcDataField("852", ' ', ' ', subfields);
    }

    /// <summary>A record built from the catalogue's mapped fields, for records with no stored MARC.</summary>
    public static MarcRecord FromRecord(Record record, MarcFlavour flavour, DateTime today)
    {
        ArgumentNullException.ThrowIfNull(record);
        var fields = new List<MarcField>();
        var b = new FieldBuilder(fields);
        var typeCode = record.Type switch
        {
            RecordType.Book or RecordType.Periodical => 'a',
            RecordType.Audio => 'j',
            RecordType.Video => 'g',
            RecordType.Score => 'c',
            RecordType.Map => 'e',
            RecordType.Multimedia => 'm',
            RecordType.Other => 'r',
        };
        var level = record.Type == RecordType.Periodical ? 's' : 'm';
        var year = record.PublicationYear?.ToString("D4", CultureInfo.InvariantCulture);
        var persons = record.Authors.OrderBy(a => a.Position).ToList();
        var subjects = record.Subjects.Select(s => s.Subject).ToList();
        fields.Add(new MarcControlField("001", record.ControlNumber ?? record.Id.ToString("N")));

        if (flavour == MarcFlavour.Unimarc)
        {
            var leader = $"     n{typeCode}{level}0 22        450 ";
            b.Add("010", ' ', ' ', ('a', record.Isbn?.Value));
            b.Add("011", ' ', ' ', ('a', record.Issn));
            var general = string.Create(CultureInfo.InvariantCulture, $"{today:yyyyMMdd}d{year ?? "    "}    u  y0frey50      ba");
            b.Add("100", ' ', ' ', ('a', general));
            b.Add("101", '0', ' ', ('a', record.Language));
            b.Add("200", '1', ' ', ('a', record.Title), ('e', record.Subtitle), ('f', record.Responsibility));
            b.Add("205", ' ', ' ', ('a', record.Edition));
            b.Add("210", ' ', ' ', ('a', record.PlaceOfPublication), ('c', record.Publisher), ('d', year));
            b.Add("215", ' ', ' ', ('a', record.PhysicalDescription));
            b.Add("225", '2', ' ', ('a', record.Series));
            b.Add("330", ' ', ' ', ('a', record.Summary));
            foreach (var s in subjects.OrderBy(s => SubjectTag(s.Kind, unimarc: true), StringComparer.Ordinal))
            {
                b.Add(SubjectTag(s.Kind, unimarc: true), ' ', ' ', ('a', s.Label));
            }

            b.Add("676", ' ', ' ', ('a', record.Classification));
            var firstPerson = true;
            var firstBody = true;
            foreach (var a in persons.OrderBy(a => a.Author.IsCorporate))
            {
                var author = a.Author;
                if (author.IsCorporate)
                {
                    b.Add(firstBody ? "710" : "712", '0', '2', ('a', author.Name), ('4', a.Role));
                    firstBody = false;
                }
                else
                {
                    var (surname, forename) = SplitName(author.Name);
                    b.Add(firstPerson ? "700" : "701", ' ', '1', ('a', surname), ('b', forename), ('f', author.Dates), ('4', a.Role));
                    firstPerson = false;
                }
            }

            return new MarcRecord(leader, fields);
        }

        var marc21Leader = $"     n{typeCode}{level} a22        4500";
        b.Add("020", ' ', ' ', ('a', record.Isbn?.Value));
        b.Add("022", ' ', ' ', ('a', record.Issn));
        b.Add("041", ' ', ' ', ('a', record.Language));
        b.Add("082", '0', '4', ('a', record.Classification));
        var main = persons.FirstOrDefault();
        if (main is not null)
        {
            b.Add(main.Author.IsCorporate ? "110" : "100", main.Author.IsCorporate ? '2' : '1', ' ',
                ('a', main.Author.Name), ('d', main.Author.Dates), ('4', main.Role));
        }

        b.Add("245", main is null ? '0' : '1', '0', ('a', record.Title), ('b', record.Subtitle), ('c', record.Responsibility));
        b.Add("250", ' ', ' ', ('a', record.Edition));
        b.Add("264", ' ', '1', ('a', record.PlaceOfPublication), ('b', record.Publisher), ('c', year));
        b.Add("300", ' ', ' ', ('a', record.PhysicalDescription));
        b.Add("490", '0', ' ', ('a', record.Series));
        b.Add("520", ' ', ' ', ('a', record.Summary));
        foreach (var s in subjects.OrderBy(s => SubjectTag(s.Kind, unimarc: false), StringComparer.Ordinal))
        {
            b.Add(SubjectTag(s.Kind, unimarc: false), ' ', '4', ('a', s.Label));
        }

        foreach (var a in persons.Skip(1))
        {
            b.Add(a.Author.IsCorporate ? "710" : "700", a.Author.IsCorporate ? '2' : '1', ' ', ('a', a.Author.Name), ('d', a.Author.Dates), ('4', a.Role));
        }

        return new MarcRecord(marc21Leader, fields);
    }

    private static string SubjectTag(SubjectKind kind, bool unimarc) => kind switch
    {
        SubjectKind.Person => "600",
        SubjectKind.Topic => unimarc ? "606" : "650",
        SubjectKind.Geographic => unimarc ? "607" : "651",
        SubjectKind.Genre => unimarc ? "608" : "655",
    };

    private static (string Surname, string? Forename) SplitName(string name)
    {
        var comma = name.IndexOf(", ", StringComparison.Ordinal);
        return comma < 0 ? (name, null) : (name[..comma], name[(comma + 2)..]);
    }

    private sealed class FieldBuilder(List<MarcField> fields)
    {
        /// <summary>Adds the field with its non-empty subfields; nothing when all are empty.</summary>
        public void Add(string tag, char ind1, char ind2, params (char Code, string? Value)[] subfields)
        {
            var present = subfields.Where(s => !string.IsNullOrWhiteSpace(s.Value)).Select(s => new MarcSubfield(s.Code, s.Value!)).ToList();
            if (present.Count > 0)
            {
                fields.Add(new MarcDataField(tag, ind1, ind2, present));
            }
        }
    }
}
