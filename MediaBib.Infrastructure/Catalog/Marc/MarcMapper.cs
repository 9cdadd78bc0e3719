using System.Globalization;
using System.Text;
using MediaBib.Domain.Catalog;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>
/// Maps a MARC record to the catalogue's fields. A pure function: same record, same result; no I/O.
/// UNIMARC follows the IFLA manual and the French 995 recommendation; MARC21 the LC bibliographic format.
/// </summary>
public static class MarcMapper
{
    public static MappedRecord Map(MarcRecord record) => Map(record, MarcFlavourDetector.Detect(record));

    public static MappedRecord Map(MarcRecord record, MarcFlavour flavour)
    {
        ArgumentNullException.ThrowIfNull(record);
        return flavour switch
        {
            MarcFlavour.Unimarc => MapUnimarc(record),
            MarcFlavour.Marc21 => MapMarc21(record),
        };
    }

    private static MappedRecord MapUnimarc(MarcRecord r)
    {
        var title = r.FirstDataField("200");
        var publication = r.FirstDataField("210")
            ?? r.GetDataFields("214").FirstOrDefault(f => f.Indicator2 == '0')
            ?? r.FirstDataField("214");
        var physical = r.FirstDataField("215");
        var series = r.FirstDataField("225");
        var year = FirstYear(publication?.All('d')) ?? UnimarcYearFrom100(r.FirstSubfield("100", 'a'));

        var authors = new List<MappedAuthor>();
        foreach (var f in r.GetDataFields(t => t is "700" or "701" or "702" or "710" or "711" or "712"))
        {
            var corporate = f.Tag[1] == '1';
            var name = corporate
                ? Join(". ", Isbd(f.First('a')), Isbd(f.First('b')))
                : Join(", ", Isbd(f.First('a')), Isbd(f.First('b')));
            if (Clean(name) is { } n)
            {
                authors.Add(new MappedAuthor(n, Clean(f.First('f')), Clean(f.First('4')), authors.Count, corporate, f.Tag));
            }
        }

        var subjects = new List<MappedSubject>();
        foreach (var f in r.GetDataFields(t => t is "600" or "606" or "607" or "608"))
        {
            var kind = f.Tag switch
            {
                "600" => SubjectKind.Person,
                "607" => SubjectKind.Geographic,
                "608" => SubjectKind.Genre,
                _ => SubjectKind.Topic,
            };
            var head = f.Tag == "600" ? Join(", ", f.First('a'), f.First('b')) : f.First('a');
            AddSubject(subjects, head, f, kind, "jxyz");
        }

        var items = r.GetDataFields("995").Select(f => new MappedItem
        {
            Tag = f.Tag,
            Owner = Clean(f.First('b')),
            HoldingLibrary = Clean(f.First('c')),
            Location = Clean(f.First('e')),
            Barcode = Clean(f.First('f')),
            InventoryNumber = Clean(f.First('j')),
            CallNumber = Clean(f.First('k')),
            DocumentType = Clean(f.First('r')),
        }).ToList();

        return new MappedRecord
        {
            Flavour = MarcFlavour.Unimarc,
            Type = TypeFromLeader(r.Leader, unimarc: true),
            Title = Isbd(title?.First('a')),
            Subtitle = Isbd(title is null ? null : string.Join(" : ", title.All('e').Select(Isbd).OfType<string>())),
            Responsibility = Clean(title is null ? null : string.Join(" ; ", title.All('f').Concat(title.All('g')))),
            Isbn = IsbnToken(r.FirstSubfield("010", 'a')),
            Issn = IsbnToken(r.FirstSubfield("011", 'a')),
            Year = year,
            Publisher = Isbd(publication?.First('c')),
            Place = Isbd(publication?.First('a')),
            Edition = Isbd(r.FirstSubfield("205", 'a')),
            Series = Clean(series is null ? null : Join(" ; ", series.First('a'), series.First('v'))),
            Language = Clean(r.FirstSubfield("101", 'a')),
            PhysicalDescription = Clean(physical is null ? null
                : Join(" + ", Join(" ; ", Join(" : ", physical.First('a'), physical.First('c')), physical.First('d')), physical.First('e'))),
            Summary = Clean(r.FirstSubfield("330", 'a')),
            Classification = Clean(r.FirstSubfield("676", 'a') ?? r.FirstSubfield("686", 'a')),
            ControlNumber = Clean(r.ControlValue("001")),
            Authors = authors,
            Subjects = subjects,
            Items = items,
        };
    }

    private static MappedRecord MapMarc21(MarcRecord r)
    {
        var title = r.FirstDataField("245");
        var publication = r.GetDataFields("264").FirstOrDefault(f => f.Indicator2 == '1')
            ?? r.FirstDataField("260") ?? r.FirstDataField("264");
        var physical = r.FirstDataField("300");
        var series = r.FirstDataField("490");
        var fixedData = r.ControlValue("008");
        var year = FirstYear(publication?.All('c'))
            ?? (fixedData is { Length: >= 11 } && int.TryParse(fixedData.AsSpan(7, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : null);
        var language = r.FirstSubfield("041", 'a')
            ?? (fixedData is { Length: >= 38 } ? fixedData.Substring(35, 3) : null);

        var authors = new List<MappedAuthor>();
        foreach (var f in r.GetDataFields(t => t is "100" or "110" or "111" or "700" or "710" or "711"))
        {
            var corporate = f.Tag[1] != '0';
            var name = corporate ? Join(" ", f.First('a'), f.First('b')) : f.First('a');
            if (Isbd(name) is { } n)
            {
                authors.Add(new MappedAuthor(n, Isbd(f.First('d')), Isbd(f.First('4') ?? f.First('e')), authors.Count, corporate, f.Tag));
            }
        }

        var subjects = new List<MappedSubject>();
        foreach (var f in r.GetDataFields(t => t.Length == 3 && t[0] == '6' && char.IsAsciiDigit(t[1]) && char.IsAsciiDigit(t[2])))
        {
            var kind = f.Tag switch
            {
                "600" => SubjectKind.Person,
                "651" => SubjectKind.Geographic,
                "655" => SubjectKind.Genre,
                _ => SubjectKind.Topic,
            };
            var head = f.Tag == "600" ? Join(" ", f.First('a'), f.First('d')) : f.First('a');
            AddSubject(subjects, head, f, kind, "vxyz");
        }

        var items = new List<MappedItem>();
        items.AddRange(r.GetDataFields("852").Select(f => new MappedItem
        {
            Tag = f.Tag,
            Owner = Clean(f.First('a')),
            HoldingLibrary = Clean(f.First('b')),
            Location = Clean(f.First('c')),
            Barcode = Clean(f.First('p')),
            CallNumber = Clean(Join(" ", f.First('h'), f.First('i')) ?? f.First('j')),
        }));
        items.AddRange(r.GetDataFields("952").Select(f => new MappedItem
        {
            // Koha: a home branch, b holding branch, c shelving location, i inventory, o call number, p barcode, y type.
            Tag = f.Tag,
            Owner = Clean(f.First('a')),
            HoldingLibrary = Clean(f.First('b')),
            Location = Clean(f.First('c')),
            Barcode = Clean(f.First('p')),
            InventoryNumber = Clean(f.First('i')),
            CallNumber = Clean(f.First('o')),
            DocumentType = Clean(f.First('y')),
        }));

        return new MappedRecord
        {
            Flavour = MarcFlavour.Marc21,
            Type = TypeFromLeader(r.Leader, unimarc: false),
            Title = Isbd(title is null ? null : Join(" ", title.All('a').Concat(title.All('n')).Concat(title.All('p')).ToArray())),
            Subtitle = Isbd(title?.First('b')),
            Responsibility = Isbd(title?.First('c')),
            Isbn = IsbnToken(r.FirstSubfield("020", 'a')),
            Issn = IsbnToken(r.FirstSubfield("022", 'a')),
            Year = year,
            Publisher = Isbd(publication?.First('b')),
            Place = Isbd(publication?.First('a')),
            Edition = Isbd(r.FirstSubfield("250", 'a')),
            Series = Isbd(series is null ? null : Join(" ; ", Isbd(series.First('a')), series.First('v'))),
            Language = Clean(language),
            PhysicalDescription = Isbd(physical is null ? null : Join(" ", physical.All('a').Concat(physical.All('b')).Concat(physical.All('c')).ToArray())),
            Summary = Clean(r.FirstSubfield("520", 'a')),
            Classification = Clean(r.FirstSubfield("082", 'a')),
            ControlNumber = Clean(r.ControlValue("001")),
            Authors = authors,
            Subjects = subjects,
            Items = items,
        };
    }

    private static void AddSubject(List<MappedSubject> subjects, string? head, MarcDataField field, SubjectKind kind, string subdivisions)
    {
        var parts = new List<string>();
        if (Isbd(head) is { } h)
        {
            parts.Add(h);
        }

        parts.AddRange(field.Subfields.Where(s => subdivisions.Contains(s.Code)).Select(s => Isbd(s.Value)).OfType<string>());
        if (parts.Count > 0)
        {
            var label = string.Join(" -- ", parts);
            if (!subjects.Any(s => s.Label == label && s.Kind == kind))
            {
                subjects.Add(new MappedSubject(label, kind));
            }
        }
    }

    /// <summary>Leader/06 (type of record) and /07 (bibliographic level) to the catalogue's broad type.</summary>
    private static RecordType TypeFromLeader(string leader, bool unimarc)
    {
        if (leader[7] == 's')
        {
            return RecordType.Periodical;
        }

        return leader[6] switch
        {
            'a' or 'b' or 't' => RecordType.Book,
            'c' or 'd' => RecordType.Score,
            'e' or 'f' => RecordType.Map,
            'g' => RecordType.Video,
            'i' or 'j' => RecordType.Audio,
            'l' => unimarc ? RecordType.Multimedia : RecordType.Other,
            'm' or 'o' or 'p' => RecordType.Multimedia,
            _ => RecordType.Other,
        };
    }

    /// <summary>First run of 4 digits between 1000 and 2999 in a date statement ("[1998]", "impr. 2004", "c1985").</summary>
    private static int? FirstYear(IEnumerable<string>? dates)
    {
        foreach (var date in dates ?? [])
        {
            for (var i = 0; i + 4 <= date.Length; i++)
            {
                if (int.TryParse(date.AsSpan(i, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                    && year is >= 1000 and <= 2999
                    && (i + 4 == date.Length || !char.IsAsciiDigit(date[i + 4])))
                {
                    return year;
                }
            }
        }

        return null;
    }

    /// <summary>UNIMARC 100$a/09-12: date 1 (publication date for monographs).</summary>
    private static int? UnimarcYearFrom100(string? generalData) =>
        generalData is { Length: >= 13 }
        && int.TryParse(generalData.AsSpan(9, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && y is >= 1000 and <= 2999
            ? y
            : null;

    /// <summary>"2-07-036822-X (br.)" → "2-07-036822-X".</summary>
    private static string? IsbnToken(string? value)
    {
        var text = Clean(value);
        if (text is null)
        {
            return null;
        }

        var end = text.IndexOfAny([' ', '(', ':', ';']);
        return Clean(end < 0 ? text : text[..end]);
    }

    private static string? Join(string separator, params string?[] parts)
    {
        var present = parts.Select(Clean).OfType<string>().ToArray();
        return present.Length == 0 ? null : string.Join(separator, present);
    }

    /// <summary>Trims, drops non-sorting marks (NSB/NSE U+0088/0089/0098/009C) and returns null for empty text.</summary>
    internal static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is '\u0088' or '\u0089' or '\u0098' or '\u009C')
            {
                builder ??= new StringBuilder(value, 0, i, value.Length);
            }
            else
            {
                builder?.Append(value[i]);
            }
        }

        var text = (builder?.ToString() ?? value).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Clean, then strip the ISBD punctuation MARC21 leaves at the end of subfields (" /", " :", ";", ",", ".").</summary>
    private static string? Isbd(string? value)
    {
        var text = Clean(value);
        if (text is null)
        {
            return null;
        }

        var end = text.Length;
        while (end > 0 && text[end - 1] is '/' or ':' or ';' or ',' or '=' or ' ')
        {
            end--;
        }

        // A final period ends the field, but keep it after an initial or an abbreviation ("Jr.", "J.").
        if (end > 2 && text[end - 1] == '.' && text[end - 3] != ' ' && text[end - 3] != '.')
        {
            end--;
        }

        return Clean(text[..end]);
    }
}

/// <summary>Tells UNIMARC from MARC21 by the record's content.</summary>
public static class MarcFlavourDetector
{
    public static MarcFlavour Detect(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var unimarc = 0;
        var marc21 = 0;
        if (record.FirstDataField("200") is not null)
        {
            unimarc += 3;
        }

        if (record.FirstDataField("245") is not null)
        {
            marc21 += 3;
        }

        // UNIMARC 100$a is coded data starting with an 8-digit date; MARC21 100$a is a personal name.
        if (record.FirstSubfield("100", 'a') is { Length: >= 8 } general && general.AsSpan(0, 8).ContainsAnyExcept("0123456789") is false)
        {
            unimarc += 2;
        }

        if (record.FirstDataField("995") is not null || record.FirstDataField("801") is not null)
        {
            unimarc += 1;
        }

        if (record.ControlValue("008") is { Length: 40 })
        {
            marc21 += 1;
        }

        if (record.Leader.AsSpan(20, 4).SequenceEqual("4500"))
        {
            marc21 += 1;
        }

        return unimarc > marc21 ? MarcFlavour.Unimarc : MarcFlavour.Marc21;
    }
}
