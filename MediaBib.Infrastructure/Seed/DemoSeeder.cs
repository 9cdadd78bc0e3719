using System.Globalization;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MediaBib.Infrastructure.Seed;

/// <summary>Size of the demo network.</summary>
public sealed record DemoSize(int Records = 2000, int Items = 5000, int Patrons = 500)
{
    public static DemoSize Default { get; } = new();
}

/// <summary>
/// Creates the demo network (3 libraries with sections and calendars, item types, 4 patron categories, records,
/// items, patrons) once. Idempotent: it does nothing when the demo's central library already exists, and it runs under
/// a PostgreSQL advisory lock so two nodes starting together do not seed twice. Deterministic (fixed random seed),
/// so demo card numbers and barcodes are the same on every machine.
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<MediaBibDbContext> factory, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string CentralLibraryCode = "CENTRE";

    /// <summary>A patron that always exists in the demo: card <c>C00000001</c>.</summary>
    public const string DemoPatronCard = "C00000001";

    private const long AdvisoryLockKey = 0x4D42_5345_4544; // "MBSEED"

    public async Task<bool> SeedAsync(DemoSize size, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Actor = new Actor(ActorKind.System, "seed");
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        var code = LibraryCode.From(CentralLibraryCode);
        if (await db.Libraries.AnyAsync(l => l.Code == code, cancellationToken))
        {
            logger.LogInformation("Demo network already present: nothing to seed");
            return false;
        }

        logger.LogInformation("Seeding the demo network ({Records} records, {Items} items, {Patrons} patrons)…", size.Records, size.Items, size.Patrons);
        var random = new Random(20261124);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        var libraries = CreateLibraries(today);
        db.Libraries.AddRange(libraries);
        var itemTypes = CreateItemTypes();
        db.ItemTypes.AddRange(itemTypes);
        var categories = CreateCategories();
        db.PatronCategories.AddRange(categories);
        // Authors and subjects may already exist (a MARC import before the seed): reuse them, the names are unique.
        var labels = DemoData.Subjects.ToList();
        var knownSubjects = await db.Subjects.Where(s => labels.Contains(s.Label) && s.Kind == SubjectKind.Topic).ToListAsync(cancellationToken);
        var subjects = DemoData.Subjects.Select(s => knownSubjects.FirstOrDefault(k => k.Label == s) ?? new Subject(s)).ToList();
        db.Subjects.AddRange(subjects.Except(knownSubjects));
        var names = DemoData.Authors.Select(a => a.Name).ToList();
        var knownAuthors = await db.Authors.Where(a => names.Contains(a.Name)).ToListAsync(cancellationToken);
        var authors = DemoData.Authors
            .Select(a => knownAuthors.FirstOrDefault(k => k.Name == a.Name && k.Dates == a.Dates) ?? new Author(a.Name, a.Dates)).ToList();
        db.Authors.AddRange(authors.Except(knownAuthors));
        await db.SaveChangesAsync(cancellationToken);

        var records = CreateRecords(size.Records, random, authors, subjects);
        db.Records.AddRange(records);
        var items = CreateItems(size.Items, random, records, libraries, itemTypes);
        db.Items.AddRange(items);
        var patrons = CreatePatrons(size.Patrons, random, libraries, categories, today);
        db.Patrons.AddRange(patrons);
        db.RecordAction(AuditAction.Import, null, $"Réseau de démonstration : {records.Count} notices, {items.Count} exemplaires, {patrons.Count} lecteurs");
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Demo network seeded");
        return true;
    }

    private static List<Library> CreateLibraries(DateOnly today)
    {
        var centre = new Library(LibraryCode.From(CentralLibraryCode), "Médiathèque centrale Jules-Verne");
        centre.UpdateContact("FR-999990101", new Address("12 place de la République", "35000", "Rennes"), "02 99 00 00 01", "centrale@mediabib.example");
        var port = new Library(LibraryCode.From("PORT"), "Bibliothèque du Port");
        port.UpdateContact("FR-999990102", new Address("3 quai Duguay-Trouin", "35000", "Rennes"), "02 99 00 00 02", "port@mediabib.example");
        var tilleuls = new Library(LibraryCode.From("TILLEULS"), "Médiathèque des Tilleuls");
        tilleuls.UpdateContact("FR-999990103", new Address("8 allée des Tilleuls", "35000", "Rennes"), "02 99 00 00 03", "tilleuls@mediabib.example");

        TimeOnly T(int h, int m = 0) => new(h, m);
        centre.SetOpeningHours(
        [
            new(DayOfWeek.Tuesday, T(10), T(19)), new(DayOfWeek.Wednesday, T(10), T(19)), new(DayOfWeek.Thursday, T(10), T(19)),
            new(DayOfWeek.Friday, T(10), T(19)), new(DayOfWeek.Saturday, T(10), T(18)), new(DayOfWeek.Sunday, T(14), T(18)),
        ]);
        port.SetOpeningHours(
        [
            new(DayOfWeek.Tuesday, T(14), T(18)), new(DayOfWeek.Wednesday, T(10), T(12, 30)), new(DayOfWeek.Wednesday, T(14), T(18)),
            new(DayOfWeek.Friday, T(14), T(19)), new(DayOfWeek.Saturday, T(10), T(17)),
        ]);
        tilleuls.SetOpeningHours(
        [
            new(DayOfWeek.Tuesday, T(15), T(18)), new(DayOfWeek.Wednesday, T(10), T(18)), new(DayOfWeek.Thursday, T(15), T(18)),
            new(DayOfWeek.Saturday, T(10), T(16)),
        ]);

        foreach (var library in new[] { centre, port, tilleuls })
        {
            foreach (var (date, reason) in FrenchPublicHolidays(today.Year).Concat(FrenchPublicHolidays(today.Year + 1)))
            {
                library.AddClosedDay(date, reason);
            }

            var adults = library.AddSection("ADU", "Adultes");
            adults.AddShelf("ROM", "Romans");
            adults.AddShelf("POL", "Romans policiers");
            adults.AddShelf("DOC", "Documentaires");
            var youth = library.AddSection("JEU", "Jeunesse");
            youth.AddShelf("ALB", "Albums");
            youth.AddShelf("BD", "Bandes dessinées");
            var media = library.AddSection("MUS", "Musique et cinéma");
            media.AddShelf("DVD", "DVD");
            media.AddShelf("CD", "CD");
            library.AddSection("PER", "Périodiques").AddShelf("REV", "Revues");
        }

        centre.AddClosedDay(today.AddDays(45) is var d && d.DayOfWeek == DayOfWeek.Monday ? d.AddDays(1) : d, "Inventaire annuel");
        return [centre, port, tilleuls];
    }

    /// <summary>Fixed-date French public holidays plus Easter Monday, Ascension and Whit Monday.</summary>
    internal static IEnumerable<(DateOnly Date, string Reason)> FrenchPublicHolidays(int year)
    {
        var easter = EasterSunday(year);
        return
        [
            (new DateOnly(year, 1, 1), "Jour de l'an"),
            (easter.AddDays(1), "Lundi de Pâques"),
            (new DateOnly(year, 5, 1), "Fête du Travail"),
            (new DateOnly(year, 5, 8), "Victoire 1945"),
            (easter.AddDays(39), "Ascension"),
            (easter.AddDays(50), "Lundi de Pentecôte"),
            (new DateOnly(year, 7, 14), "Fête nationale"),
            (new DateOnly(year, 8, 15), "Assomption"),
            (new DateOnly(year, 11, 1), "Toussaint"),
            (new DateOnly(year, 11, 11), "Armistice 1918"),
            (new DateOnly(year, 12, 25), "Noël"),
        ];
    }

    /// <summary>Anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    private static List<ItemType> CreateItemTypes()
    {
        var reference = new ItemType("REF", "Ouvrage de référence");
        reference.SetNotForLoan(true);
        return
        [
            new ItemType("LIVRE", "Livre"), new ItemType("BD", "Bande dessinée"), new ItemType("DVD", "DVD"),
            new ItemType("CD", "CD audio"), new ItemType("REVUE", "Revue"), reference,
        ];
    }

    private static List<PatronCategory> CreateCategories()
    {
        var adult = new PatronCategory("ADULTE", "Adulte");
        adult.SetLoanDefaults(21, 15, 5, 0.15m);
        var youth = new PatronCategory("JEUNE", "Jeunesse (moins de 18 ans)");
        youth.SetLoanDefaults(21, 10, 3, 0m);
        youth.SetMembership(12, 0m, null, 17);
        var student = new PatronCategory("ETUDIANT", "Étudiant");
        student.SetLoanDefaults(28, 15, 5, 0.10m);
        var group = new PatronCategory("COLLECTIVITE", "Collectivité (écoles, crèches)");
        group.SetLoanDefaults(42, 40, 10, 0m);
        return [adult, youth, student, group];
    }

    private static List<Record> CreateRecords(int count, Random random, List<Author> authors, List<Subject> subjects)
    {
        var records = new List<Record>(count);
        for (var i = 0; i < count; i++)
        {
            var type = (i % 10) switch
            {
                7 => RecordType.Video,
                8 => RecordType.Audio,
                9 when i % 20 == 9 => RecordType.Periodical,
                _ => RecordType.Book,
            };
            var end = DemoData.TitleEnds[random.Next(DemoData.TitleEnds.Length)];
            var start = DemoData.TitleStarts[random.Next(DemoData.TitleStarts.Length)];
            var title = start.EndsWith('\'') ? start + end : $"{start} {end}";
            if (i % 7 == 0)
            {
                title += $", tome {1 + i % 5}";
            }

            var record = new Record(type, title);
            var author = authors[random.Next(authors.Count)];
            var year = 1950 + random.Next(76);
            record.Describe(
                type,
                responsibility: author.Name,
                isbn: type == RecordType.Book ? Isbn.From(MakeIsbn13(random)) : null,
                issn: null,
                year: year,
                publisher: DemoData.Publishers[random.Next(DemoData.Publishers.Length)],
                place: "Paris",
                edition: null,
                series: null,
                language: i % 15 == 0 ? "eng" : "fre",
                physicalDescription: type == RecordType.Book ? $"{80 + random.Next(500)} p." : null,
                summary: $"Un récit de {end.ToLowerInvariant()}, paru en {year.ToString(CultureInfo.InvariantCulture)}.",
                classification: type == RecordType.Book ? (800 + random.Next(100)).ToString(CultureInfo.InvariantCulture) : null);
            record.AddAuthor(author, "070");
            record.AddSubject(subjects[random.Next(subjects.Count)]);
            records.Add(record);
        }

        return records;
    }

    private static List<Item> CreateItems(int count, Random random, List<Record> records, List<Library> libraries, List<ItemType> types)
    {
        var byCode = types.ToDictionary(t => t.Code);
        var items = new List<Item>(count);
        for (var i = 0; i < count; i++)
        {
            var record = records[i < records.Count ? i : random.Next(records.Count)];
            var library = libraries[i % 5 == 4 ? 2 : i % 5 >= 2 ? 1 : 0];
            var type = record.Type switch
            {
                RecordType.Video => byCode["DVD"],
                RecordType.Audio => byCode["CD"],
                RecordType.Periodical => byCode["REVUE"],
                _ when i % 50 == 49 => byCode["REF"],
                _ when i % 9 == 3 => byCode["BD"],
                _ => byCode["LIVRE"],
            };
            var barcode = Barcode.From("MB" + (i + 1).ToString("D7", CultureInfo.InvariantCulture));
            var item = new Item(record.Id, library.Id, type.Id, barcode);
            var section = type.Code is "DVD" or "CD" ? library.Sections[2] : type.Code == "REVUE" ? library.Sections[3] : type.Code == "BD" ? library.Sections[1] : library.Sections[0];
            var shelf = section.Shelves[random.Next(section.Shelves.Count)];
            var cutter = record.Responsibility is { Length: >= 3 } r ? r[..3].ToUpperInvariant() : "XXX";
            item.Place(section.Id, shelf.Id, $"{record.Classification ?? shelf.Code} {cutter}");
            item.Describe($"INV{(i + 1).ToString("D6", CultureInfo.InvariantCulture)}", null, 8m + random.Next(3000) / 100m, new DateOnly(2015 + random.Next(11), 1 + random.Next(12), 1 + random.Next(28)), null);
            items.Add(item);
        }

        return items;
    }

    private static List<Patron> CreatePatrons(int count, Random random, List<Library> libraries, List<PatronCategory> categories, DateOnly today)
    {
        var patrons = new List<Patron>(count);
        for (var i = 0; i < count; i++)
        {
            var first = i == 0 ? "Marie" : DemoData.FirstNames[random.Next(DemoData.FirstNames.Length)];
            var last = i == 0 ? "Dupont" : DemoData.LastNames[random.Next(DemoData.LastNames.Length)];
            var category = categories[(i % 10) switch { < 6 => 0, < 8 => 1, 8 => 2, _ => i % 40 == 9 ? 3 : 0 }];
            var expires = i % 25 == 24 ? today.AddDays(-random.Next(1, 60)) : today.AddMonths(1 + random.Next(12));
            var card = CardNumber.From("C" + (i + 1).ToString("D8", CultureInfo.InvariantCulture));
            var patron = new Patron(libraries[i % 3].Id, category.Id, card, first, last, expires);
            var birth = category.Code == "JEUNE" ? today.AddYears(-8 - random.Next(9)) : today.AddYears(-19 - random.Next(60));
            var city = DemoData.Cities[random.Next(DemoData.Cities.Length)];
            patron.UpdateContact(
                birth.AddDays(-random.Next(365)),
                $"{Ascii(first)}.{Ascii(last)}{i.ToString(CultureInfo.InvariantCulture)}@example.org".ToLowerInvariant(),
                "06 " + string.Join(' ', Enumerable.Range(0, 4).Select(_ => random.Next(100).ToString("D2", CultureInfo.InvariantCulture))),
                new Address($"{1 + random.Next(120)} {DemoData.Streets[random.Next(DemoData.Streets.Length)]}", "35000", city));
            patron.GiveConsent(today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), "2026-01");
            patron.SetReadingHistoryPreference(i % 3 == 0);
            if (i % 60 == 59)
            {
                patron.Block("Carte perdue, en attente de remplacement");
            }

            patrons.Add(patron);
        }

        return patrons;
    }

    private static string Ascii(string text)
    {
        var normalized = text.Normalize(System.Text.NormalizationForm.FormD);
        return new string(normalized.Where(c => char.IsAsciiLetter(c)).ToArray());
    }

    private static string MakeIsbn13(Random random)
    {
        var digits = "9782" + random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        return digits + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
