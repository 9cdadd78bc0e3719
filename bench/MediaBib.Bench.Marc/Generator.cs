using System.Globalization;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Bench.Marc;

/// <summary>
/// Synthetic but realistic UNIMARC records: French titles with accents, 1-3 authors with relator codes, 1-3 subjects,
/// publication data, a summary, and 1-5 items in 995 ($b owner, $f barcode, $k call number, $r type). Deterministic.
/// </summary>
internal static class Generator
{
    private static readonly string[] Openings = ["Les", "Le", "La", "L'", "Un", "Une", "Des", "Éloge de", "Histoire de", "Mémoires de", "Voyage à", "Retour à"];
    private static readonly string[] Nouns =
    [
        "mystères", "château", "forêt", "été", "hiver", "cœur", "âme", "rivière", "île", "phare", "jardin", "fenêtre", "Noël",
        "écume", "goélands", "épreuve", "mémoire", "ombre", "lumière", "vérité", "naufragés", "fête", "bûcheron", "théâtre",
    ];
    private static readonly string[] Complements =
    [
        "d'Aurélien", "de la Sérénité", "des Cévennes", "à Pâques", "sous la neige", "du Périgord", "de l'Océan", "en Bretagne",
        "du Québec", "de Françoise", "à l'aube", "des hêtres", "près du Lac", "au-delà des crêtes", "de Saint-Étienne",
    ];
    private static readonly (string Surname, string Forename)[] Authors =
    [
        ("Ernaux", "Annie"), ("Modiano", "Patrick"), ("Le Clézio", "Jean-Marie Gustave"), ("Condé", "Maryse"), ("Duras", "Marguerite"),
        ("Pérec", "Georges"), ("Sagan", "Françoise"), ("Gary", "Romain"), ("Colette", "Sidonie-Gabrielle"), ("Maalouf", "Amin"),
        ("Vargas", "Fred"), ("Pennac", "Daniel"), ("Nothomb", "Amélie"), ("Énard", "Mathias"), ("Slimani", "Leïla"),
    ];
    private static readonly string[] Subjects =
    [
        "Romans policiers", "Histoire -- France -- 20e siècle", "Mémoire autobiographique", "Contes", "Écologie", "Musique",
        "Cuisine française", "Voyages -- Récits", "Bandes dessinées", "Poésie française", "Enfance", "Montagne -- Alpes",
    ];
    private static readonly string[] Publishers = ["Gallimard", "Éditions du Seuil", "Actes Sud", "Flammarion", "Albin Michel", "L'École des loisirs", "Grasset"];
    private static readonly string[] Places = ["Paris", "Arles", "Lyon", "Bruxelles", "Montréal"];
    private static readonly string[] Libraries = ["BM", "ANX1", "ANX2"];
    private static readonly string[] Types = ["LIV", "LIV", "LIV", "DVD", "CD"];

    public static long Write(string path, int count, int seed = 42)
    {
        var random = new Random(seed);
        long items = 0;
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var writer = new Iso2709Writer(file);
        for (var n = 1; n <= count; n++)
        {
            var record = Record(n, random, out var itemCount);
            items += itemCount;
            writer.Write(record);
        }

        return items;
    }

    private static MarcRecord Record(int n, Random random, out int itemCount)
    {
        var inv = CultureInfo.InvariantCulture;
        var year = 1950 + random.Next(75);
        var title = $"{Pick(random, Openings)} {Pick(random, Nouns)} {Pick(random, Complements)}";
        var fields = new List<MarcField>
        {
            new MarcControlField("001", "GEN" + n.ToString("D9", inv)),
            new MarcDataField("010", ' ', ' ', new MarcSubfield('a', Isbn(n)), new MarcSubfield('b', "br."), new MarcSubfield('d', $"{10 + random.Next(20)},{random.Next(100):D2} EUR")),
            new MarcDataField("100", ' ', ' ', new MarcSubfield('a', $"20240115d{year}    m  y0frey5003    ba")),
            new MarcDataField("101", '0', ' ', new MarcSubfield('a', "fre")),
            new MarcDataField("200", '1', ' ', new MarcSubfield('a', title), new MarcSubfield('b', "Texte imprimé"), new MarcSubfield('e', "roman"),
                new MarcSubfield('f', "d'après une idée originale")),
            new MarcDataField("210", ' ', ' ', new MarcSubfield('a', Pick(random, Places)), new MarcSubfield('c', Pick(random, Publishers)), new MarcSubfield('d', year.ToString(inv))),
            new MarcDataField("215", ' ', ' ', new MarcSubfield('a', $"{80 + random.Next(600)} p."), new MarcSubfield('d', "22 cm")),
            new MarcDataField("330", ' ', ' ', new MarcSubfield('a', $"Un récit où l'on suit {Pick(random, Authors).Forename}, entre {Pick(random, Nouns)} et {Pick(random, Nouns)}, jusqu'à l'été {year}.")),
        };
        foreach (var subject in Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Pick(random, Subjects)).Distinct().ToList())
        {
            fields.Add(new MarcDataField("606", ' ', ' ', new MarcSubfield('a', subject)));
        }

        fields.Add(new MarcDataField("676", ' ', ' ', new MarcSubfield('a', $"8{random.Next(100):D2}.{random.Next(10)}")));
        for (var a = 0; a < 1 + random.Next(3); a++)
        {
            var (surname, forename) = Pick(random, Authors);
            fields.Add(new MarcDataField(a == 0 ? "700" : "701", ' ', '1', new MarcSubfield('a', surname), new MarcSubfield('b', forename),
                new MarcSubfield('4', a == 0 ? "070" : "440")));
        }

        itemCount = 1 + random.Next(5);
        for (var i = 0; i < itemCount; i++)
        {
            fields.Add(new MarcDataField("995", ' ', ' ',
                new MarcSubfield('b', Pick(random, Libraries)),
                new MarcSubfield('f', $"G{n:D9}{i}"),
                new MarcSubfield('k', $"R {title[..3].ToUpperInvariant()}"),
                new MarcSubfield('r', Pick(random, Types))));
        }

        return new MarcRecord("     nam0 22        450 ", fields);
    }

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    /// <summary>A valid ISBN-13 per record number (978-2 prefix, France).</summary>
    private static string Isbn(int n)
    {
        var body = "9782" + n.ToString("D8", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (body[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return body + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
