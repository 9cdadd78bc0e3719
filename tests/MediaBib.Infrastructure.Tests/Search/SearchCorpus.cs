using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Search;
using MediaBib.Testing;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Infrastructure.Tests.Search;

/// <summary>What a record under test is made of; everything but the title is optional.</summary>
internal sealed record RecordSpec(string Title)
{
    public RecordType Type { get; init; } = RecordType.Book;

    public string? Responsibility { get; init; }

    public string? Summary { get; init; }

    public int? Year { get; init; }

    public string? Language { get; init; }

    public Isbn? Isbn { get; init; }

    public string? Issn { get; init; }

    public IReadOnlyList<Author> Authors { get; init; } = [];

    public IReadOnlyList<Subject> Subjects { get; init; } = [];
}

/// <summary>
/// Builds uniquely marked catalogue rows for one test on the shared database, through the domain constructors.
/// Every title carries the test's marker, so a query with the marker sees only this test's records.
/// </summary>
internal sealed class SearchCorpus(TestDatabase database)
{
    public string Marker { get; } = Unique.Code("K");

    public SearchService Service { get; } = new(database.Factory);

    public RecordDetailsQuery Details { get; } = new(database.Factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Searches with the test's marker appended, so only this test's records can match.</summary>
    public Task<SearchResult> SearchAsync(string text, SearchFilters? filters = null, SearchSort sort = SearchSort.Relevance, int page = 1, int pageSize = 20) =>
        Service.SearchAsync(new SearchQuery($"{text} {Marker}", filters, sort, page, pageSize), Ct);

    public async Task<Library> LibraryAsync(string name)
    {
        await using var db = database.CreateContext();
        var library = new Library(LibraryCode.From(Unique.Code("L")), $"{name} {Marker}");
        library.AddSection(Unique.Code("S"), "Adultes");
        db.Libraries.Add(library);
        await db.SaveChangesAsync(Ct);
        return library;
    }

    public async Task<Author> AuthorAsync(string name)
    {
        await using var db = database.CreateContext();
        var author = new Author(name, dates: Marker);
        db.Authors.Add(author);
        await db.SaveChangesAsync(Ct);
        return author;
    }

    public async Task<Subject> SubjectAsync(string label)
    {
        await using var db = database.CreateContext();
        var subject = new Subject($"{label} {Marker}");
        db.Subjects.Add(subject);
        await db.SaveChangesAsync(Ct);
        return subject;
    }

    public async Task<Record> RecordAsync(RecordSpec spec)
    {
        await using var db = database.CreateContext();
        var record = new Record(spec.Type, spec.Title.Contains(Marker, StringComparison.Ordinal) ? spec.Title : $"{spec.Title} {Marker}");
        record.Describe(spec.Type, spec.Responsibility, spec.Isbn, spec.Issn, spec.Year, null, null, null, null, spec.Language, null, spec.Summary, null);
        foreach (var author in spec.Authors)
        {
            db.Attach(author);
            record.AddAuthor(author, "070");
        }

        foreach (var subject in spec.Subjects)
        {
            db.Attach(subject);
            record.AddSubject(subject);
        }

        db.Records.Add(record);
        await db.SaveChangesAsync(Ct);
        return record;
    }

    public Task<Record> RecordAsync(string title) => RecordAsync(new RecordSpec(title));

    public async Task<Item> ItemAsync(Record record, Library library, string? callNumber = null)
    {
        await using var db = database.CreateContext();
        var type = new ItemType(Unique.Code("T"), "Livre");
        var item = new Item(record.Id, library.Id, type.Id, Barcode.From(Unique.Barcode()));
        item.Place(library.Sections.FirstOrDefault()?.Id, null, callNumber);
        db.AddRange(type, item);
        await db.SaveChangesAsync(Ct);
        return item;
    }

    public async Task<Patron> PatronAsync(Library library)
    {
        await using var db = database.CreateContext();
        var category = new PatronCategory(Unique.Code("C"), "Adulte");
        var patron = new Patron(library.Id, category.Id, CardNumber.From(Unique.Code("P")), "Marie", "Dupont", new DateOnly(2099, 1, 1));
        db.AddRange(category, patron);
        await db.SaveChangesAsync(Ct);
        return patron;
    }

    /// <summary>
    /// Lends the item as the circulation engine would: an open loan and the item's status OnLoan. With
    /// <paramref name="setStatus"/> false only the loan row is written (a status lagging behind the loan).
    /// </summary>
    public async Task<Loan> LendAsync(Item item, Patron patron, DateTime dueAt, bool setStatus = true)
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        var loan = new Loan(item.Id, patron.Id, item.HomeLibraryId, now, dueAt);
        if (setStatus)
        {
            db.Items.Attach(item);
            item.SetStatus(ItemStatus.OnLoan, now);
        }

        db.Loans.Add(loan);
        await db.SaveChangesAsync(Ct);
        return loan;
    }

    public async Task SetStatusAsync(Item item, ItemStatus status)
    {
        await using var db = database.CreateContext();
        db.Items.Attach(item);
        item.SetStatus(status, DateTime.UtcNow);
        await db.SaveChangesAsync(Ct);
    }

    public async Task<Hold> HoldAsync(Record record, Patron patron, Library pickup)
    {
        await using var db = database.CreateContext();
        var hold = new Hold(record.Id, patron.Id, pickup.Id, DateTime.UtcNow);
        db.Holds.Add(hold);
        await db.SaveChangesAsync(Ct);
        return hold;
    }

    public async Task CancelAsync(Hold hold)
    {
        await using var db = database.CreateContext();
        db.Holds.Attach(hold);
        hold.Cancel(DateTime.UtcNow, "test");
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A random, checksum-valid ISBN-13 in the 978 range (so it also has an ISBN-10 form).</summary>
    public static Isbn NewIsbn()
    {
        var digits = "978" + Random.Shared.NextInt64(0, 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
        var sum = digits.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return Isbn.From(digits + ((10 - sum % 10) % 10).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A word no other test uses, so ranks can be compared on one term.</summary>
    public string Word(string stem) => (stem + Marker).ToLowerInvariant();
}
