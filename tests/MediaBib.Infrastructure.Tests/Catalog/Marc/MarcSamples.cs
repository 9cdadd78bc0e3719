using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Tests.Catalog.Marc;

/// <summary>Small helpers shared by the MARC tests.</summary>
internal static class MarcSamples
{
    public static List<MarcReadResult> ReadAny(string path) =>
        path.EndsWith(".xml", StringComparison.Ordinal) ? [.. MarcXmlReader.ReadFile(path)] : [.. Iso2709Reader.ReadFile(path)];

    public static List<MarcRecord> Records(IEnumerable<MarcReadResult> results) =>
        [.. results.OfType<MarcRecordRead>().Select(r => r.Record)];

    /// <summary>A synthetic UNIMARC record with a French title, an author and items in 995.</summary>
    public static MarcRecord Unimarc(int n) => new(
        "     nam0 22        450 ",
        [
            new MarcControlField("001", $"SYN{n:D7}"),
            new MarcDataField("010", ' ', ' ', new MarcSubfield('a', "978-2-07-036822-8")),
            new MarcDataField("100", ' ', ' ', new MarcSubfield('a', "20240101d2024    m  y0frey5003    ba")),
            new MarcDataField("200", '1', ' ', new MarcSubfield('a', $"Les misérables, tome {n}"), new MarcSubfield('f', "Victor Hugo")),
            new MarcDataField("700", ' ', '1', new MarcSubfield('a', "Hugo"), new MarcSubfield('b', "Victor"), new MarcSubfield('4', "070")),
            new MarcDataField("995", ' ', ' ', new MarcSubfield('b', "BM"), new MarcSubfield('f', $"B{n:D9}"), new MarcSubfield('k', "R HUG")),
        ]);

    /// <summary>Compares two records read from different syntaxes: fields exactly, leader outside the computed positions.</summary>
    public static void AssertSameContent(MarcRecord expected, MarcRecord actual, string context, bool ignoreLeader09 = false)
    {
        static string Significant(string leader, bool ignore09) =>
            string.Concat(leader.AsSpan(5, ignore09 ? 4 : 5), ignore09 ? leader.AsSpan(10, 2) : "", leader.AsSpan(17, 7));

        Assert.True(Significant(expected.Leader, ignoreLeader09) == Significant(actual.Leader, ignoreLeader09),
            $"{context}: leader '{expected.Leader}' vs '{actual.Leader}'");
        Assert.True(expected.Fields.Count == actual.Fields.Count, $"{context}: {expected.Fields.Count} vs {actual.Fields.Count} fields");
        for (var i = 0; i < expected.Fields.Count; i++)
        {
            Assert.True(expected.Fields[i].Equals(actual.Fields[i]), $"{context}: field {i}: '{expected.Fields[i]}' vs '{actual.Fields[i]}'");
        }
    }
}
