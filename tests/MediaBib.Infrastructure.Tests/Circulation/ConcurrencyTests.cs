using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Circulation;

public sealed class ConcurrencyTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckOut_FiftyParallelDesksOneItem_ExactlyOneLoanOthersRefusedCleanly()
    {
        // Arrange
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();
        var patrons = new List<Domain.Patrons.Patron>();
        for (var i = 0; i < 50; i++)
        {
            patrons.Add(await seed.PatronAsync());
        }

        // Act
        var desk = seed.Desk;
        var outcomes = await Task.WhenAll(patrons.Select(p => Task.Run(() =>
            desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, p.CardNumber.Value, item.Barcode.Value, ct: Ct), Ct)));

        // Assert
        Assert.Single(outcomes, o => o.Succeeded);
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal([RefusalReason.ItemNotAvailable], o.Refusals));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Loans.CountAsync(l => l.ItemId == item.Id, Ct));
        Assert.Equal(1, await CirculationSeed.OutboxCountAsync(db, "loan.created", item.Id));
        var loanId = outcomes.Single(o => o.Succeeded).Value!.LoanId;
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "checkout" && a.ObjectId != null
            && db.Loans.Any(l => l.Id == a.ObjectId && l.ItemId == item.Id), Ct));
        Assert.Equal(loanId, (await db.Loans.SingleAsync(l => l.ItemId == item.Id, Ct)).Id);
    }

    [Fact]
    public async Task Place_FiftyParallelHoldsOneRecord_ConsistentQueueOnePerPatron()
    {
        // Arrange: 25 patrons each ask twice at the same instant.
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { MaxHolds = 50 });
        await seed.ItemAsync();
        var patrons = new List<Domain.Patrons.Patron>();
        for (var i = 0; i < 25; i++)
        {
            patrons.Add(await seed.PatronAsync());
        }

        // Act
        var holds = seed.Holds;
        var outcomes = await Task.WhenAll(patrons.Concat(patrons).Select(p => Task.Run(() =>
            holds.PlaceAsync(CirculationSeed.Librarian, p.Id, seed.Record.Id, seed.Centre.Id, ct: Ct), Ct)));

        // Assert
        Assert.Equal(25, outcomes.Count(o => o.Succeeded));
        Assert.All(outcomes.Where(o => !o.Succeeded), o => Assert.Equal([RefusalReason.HoldAlreadyHolding], o.Refusals));
        await using var db = database.CreateContext();
        var queue = await db.Holds.Where(h => h.RecordId == seed.Record.Id).ToListAsync(Ct);
        Assert.Equal(25, queue.Count);
        Assert.Equal(25, queue.Select(h => h.PatronId).Distinct().Count());
        var positions = HoldQueue.Positions(queue);
        Assert.Equal(Enumerable.Range(1, 25), positions.Values.Order());
        Assert.Equal(25, outcomes.Where(o => o.Succeeded).Select(o => o.Value!.Position).Distinct().Count());
    }
}
