using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Circulation;

/// <summary>
/// A small network created per test with unique codes: two libraries open every day, one category, one item type, one
/// record. Rules are scoped to these rows, so parallel tests never see each other's.
/// </summary>
public sealed class CirculationSeed(TestDatabase database)
{
    public static readonly Actor Librarian = new(ActorKind.Staff, "bibliothecaire", Guid.CreateVersion7());

    public Library Centre { get; } = new(LibraryCode.From(Unique.Code("C")), "Médiathèque centrale");

    public Library Annexe { get; } = new(LibraryCode.From(Unique.Code("A")), "Annexe");

    public PatronCategory Category { get; } = new(Unique.Code("CAT"), "Adulte");

    public ItemType Type { get; } = new(Unique.Code("T"), "Livre");

    public Domain.Catalog.Record Record { get; } = new(RecordType.Book, "Le Petit Prince");

    public CirculationDesk Desk => new(database.Factory, TimeProvider.System);

    public HoldService Holds => new(database.Factory, TimeProvider.System);

    public FineService Fines => new(database.Factory, TimeProvider.System);

    public static async Task<CirculationSeed> CreateAsync(TestDatabase database, params CirculationRuleValues[] rules)
    {
        var seed = new CirculationSeed(database);
        await using var db = database.CreateContext();
        db.AddRange(seed.Centre, seed.Annexe, seed.Category, seed.Type, seed.Record);
        db.AddRange(rules.Select(r => new CirculationRule(seed.Centre.Id, seed.Category.Id, null, r)));
        await db.SaveChangesAsync();
        return seed;
    }

    public async Task<Item> ItemAsync(Library? home = null, decimal? price = null)
    {
        var item = new Item(Record.Id, (home ?? Centre).Id, Type.Id, Barcode.From(Unique.Barcode()));
        item.Describe(null, null, price, null, null);
        await using var db = database.CreateContext();
        db.Items.Add(item);
        await db.SaveChangesAsync();
        return item;
    }

    public async Task<Patron> PatronAsync(Action<Patron>? change = null, DateOnly? expiresOn = null)
    {
        var patron = new Patron(Centre.Id, Category.Id, CardNumber.From(Unique.Code("P")), "Marie", "Dupont",
            expiresOn ?? DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        change?.Invoke(patron);
        await using var db = database.CreateContext();
        db.Patrons.Add(patron);
        await db.SaveChangesAsync();
        return patron;
    }

    /// <summary>Outbox rows of this type whose payload mentions the id (the payload column is jsonb).</summary>
    public static Task<int> OutboxCountAsync(MediaBibDbContext db, string type, Guid id) =>
        db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type = {type} AND payload::text LIKE {"%" + id + "%"}")
            .SingleAsync();

    /// <summary>An open loan made in the past (overdue when <paramref name="dueAt"/> has passed).</summary>
    public async Task<Loan> PastLoanAsync(Item item, Patron patron, DateTime dueAt)
    {
        await using var db = database.CreateContext();
        db.Attach(item);
        item.Lend(dueAt.AddDays(-21));
        var loan = new Loan(item.Id, patron.Id, Centre.Id, dueAt.AddDays(-21), dueAt);
        db.Loans.Add(loan);
        await db.SaveChangesAsync();
        return loan;
    }
}
