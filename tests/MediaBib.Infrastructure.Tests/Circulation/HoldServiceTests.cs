using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Circulation;

public sealed class HoldServiceTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Place_NoItemOfRecord_RefusedNoHoldableItem()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var patron = await seed.PatronAsync();

        var outcome = await seed.Holds.PlaceAsync(CirculationSeed.Librarian, patron.Id, seed.Record.Id, seed.Centre.Id, ct: Ct);

        Assert.Equal([RefusalReason.HoldNoHoldableItem], outcome.Refusals);
    }

    [Fact]
    public async Task Reorder_LastToFirst_ChangesQueuePositions()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        await seed.ItemAsync();
        var first = await seed.Holds.PlaceAsync(CirculationSeed.Librarian, (await seed.PatronAsync()).Id, seed.Record.Id, seed.Centre.Id, ct: Ct);
        var second = await seed.Holds.PlaceAsync(CirculationSeed.Librarian, (await seed.PatronAsync()).Id, seed.Record.Id, seed.Centre.Id, ct: Ct);

        var moved = await seed.Holds.ReorderAsync(CirculationSeed.Librarian, second.Value!.HoldId, 1, Ct);
        var queue = await seed.Holds.QueueAsync(seed.Record.Id, Ct);

        Assert.Equal(1, first.Value!.Position);
        Assert.Equal(2, second.Value.Position);
        Assert.Equal(1, moved.Value!.Position);
        Assert.Equal(2, queue[first.Value.HoldId]);
    }

    [Fact]
    public async Task Cancel_WaitingHold_PassesItemToNextHoldAtOnce()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();
        var firstPatron = await seed.PatronAsync();
        var nextPatron = await seed.PatronAsync();
        var first = await seed.Holds.PlaceAsync(CirculationSeed.Librarian, firstPatron.Id, seed.Record.Id, seed.Centre.Id, ct: Ct);
        var next = await seed.Holds.PlaceAsync(CirculationSeed.Librarian, nextPatron.Id, seed.Record.Id, seed.Centre.Id, ct: Ct);
        var trapped = await seed.Desk.CheckInAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);

        var byOther = await seed.Holds.CancelAsync(CirculationSeed.Librarian, first.Value!.HoldId, nextPatron.Id, ct: Ct);
        var cancelled = await seed.Holds.CancelAsync(CirculationSeed.Librarian, first.Value.HoldId, firstPatron.Id, "Plus besoin", Ct);

        Assert.Equal(first.Value.HoldId, trapped.Value!.HoldId);
        Assert.Equal([RefusalReason.HoldNotOwner], byOther.Refusals);
        Assert.Equal(HoldStatusView.Closed, cancelled.Value!.Status);
        await using var db = database.CreateContext();
        var nextHold = await db.Holds.SingleAsync(h => h.Id == next.Value!.HoldId, Ct);
        Assert.Equal(HoldStatus.Waiting, nextHold.Status);
        Assert.Equal(item.Id, nextHold.ItemId);
        Assert.Equal(ItemStatus.OnHoldShelf, (await db.Items.SingleAsync(i => i.Id == item.Id, Ct)).Status);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == first.Value.HoldId && a.Action == "hold_cancelled", Ct));
        Assert.Equal(1, await CirculationSeed.OutboxCountAsync(db, "hold.cancelled", first.Value.HoldId));
    }

    [Fact]
    public async Task ExpireWaitingHolds_DeadlinePassed_ExpiresAndShelvesItem()
    {
        // Pickup delay comes from the item-side policy (any category): the built-in 7 days here.
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();
        var hold = await seed.Holds.PlaceAsync(CirculationSeed.Librarian, patron.Id, seed.Record.Id, seed.Centre.Id, ct: Ct);
        await seed.Desk.CheckInAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);
        var afterDeadline = new ShiftedClock(TimeSpan.FromDays(9));

        var expired = await new HoldService(database.Factory, afterDeadline).ExpireWaitingHoldsAsync(CirculationSeed.Librarian, Ct);

        Assert.Contains(hold.Value!.HoldId, expired);
        await using var db = database.CreateContext();
        Assert.Equal(HoldStatus.Expired, (await db.Holds.SingleAsync(h => h.Id == hold.Value.HoldId, Ct)).Status);
        Assert.Equal(ItemStatus.Available, (await db.Items.SingleAsync(i => i.Id == item.Id, Ct)).Status);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
