using System.Text.Json;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Search;
using MediaBib.Infrastructure.Search.Caching;
using MediaBib.Infrastructure.Tests.Circulation;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.StackExchangeRedis;

namespace MediaBib.Infrastructure.Tests.Search;

/// <summary>The OPAC's cached record and availability fragments never show a copy as available after it was lent.</summary>
public sealed class FragmentCacheTests(TestDatabase database)
{
    // Long enough that only an invalidation can explain a fresh value.
    private static readonly FragmentCacheOptions LongLived = new() { AvailabilityTtl = TimeSpan.FromHours(1), RecordTtl = TimeSpan.FromHours(1) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckOut_ThroughCirculationDesk_CachedRecordPageAndSearchShowOnLoan()
    {
        using var cache = new FragmentCache(database.ConnectionString, LongLived);

        await AssertCheckoutShowsOnLoanAsync(cache);
    }

    [Fact]
    public async Task CheckOut_WithRedisSecondLevel_EveryNodeReadingRedisShowsOnLoan()
    {
        await using var redis = await TestRedis.StartAsync();
        using var secondLevel = new RedisCache(new RedisCacheOptions { Configuration = redis.ConnectionString });
        using var cache = new FragmentCache(database.ConnectionString, LongLived, secondLevel);

        var seed = await AssertCheckoutShowsOnLoanAsync(cache);

        // A node that starts now has nothing in memory and reads Redis: the stale fragment must be gone from there too.
        using var otherNode = new FragmentCache(database.ConnectionString, LongLived, secondLevel);
        var details = await new RecordDetailsQuery(database.Factory, otherNode).GetAsync(seed.Record.Id, Ct);
        Assert.Equal(ItemStatus.OnLoan, Assert.Single(details!.Items).Status);
    }

    [Fact]
    public async Task CirculationEvent_FromAnotherProcess_DropsTheRecordsCachedCopies()
    {
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { LoanPeriod = 14 });
        var item = await seed.ItemAsync();
        using var cache = new FragmentCache(database.ConnectionString, LongLived);
        var details = new RecordDetailsQuery(database.Factory, cache);
        Assert.True(Assert.Single((await details.GetAsync(seed.Record.Id, Ct))!.Items).IsAvailable);

        // Another process lends the copy: nothing in this process saw the save, only its event will arrive.
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE items SET status = 'OnLoan' WHERE id = {item.Id}", Ct);
        }

        var beforeEvent = Assert.Single((await details.GetAsync(seed.Record.Id, Ct))!.Items);
        // Delivered as the dispatcher does, in a read's batch, next to events that are not the cache's business.
        using var payload = JsonDocument.Parse($$"""{"loanId":"{{Guid.CreateVersion7()}}","itemId":"{{item.Id}}"}""");
        using var other = JsonDocument.Parse($$"""{"patronId":"{{Guid.CreateVersion7()}}"}""");
        IEventSubscriber invalidator = new CirculationEventInvalidator(cache, database.ConnectionString);
        await invalidator.HandleBatchAsync(
            [
                new OutboxEvent(Guid.CreateVersion7(), DateTime.UtcNow, "patron.updated", other.RootElement.Clone()),
                new OutboxEvent(Guid.CreateVersion7(), DateTime.UtcNow, "loan.created", payload.RootElement.Clone()),
            ], Ct);
        var afterEvent = Assert.Single((await details.GetAsync(seed.Record.Id, Ct))!.Items);

        Assert.Equal(ItemStatus.Available, beforeEvent.Status);
        Assert.Equal(ItemStatus.OnLoan, afterEvent.Status);
        Assert.False(afterEvent.IsAvailable);
    }

    [Fact]
    public async Task GetMany_InvalidatedWhileLoading_DoesNotKeepTheValueReadBeforeTheChange()
    {
        using var cache = new FragmentCache(database.ConnectionString, LongLived);
        var id = Guid.CreateVersion7();

        var first = await cache.GetManyAsync(FragmentKind.Availability, [id], (ids, _) =>
        {
            // The change commits while this reader is still reading the old state.
            cache.Invalidate([id]);
            return Task.FromResult(new Dictionary<Guid, string> { [id] = "available" });
        }, Ct);
        var second = await cache.GetManyAsync(FragmentKind.Availability, [id], (ids, _) =>
            Task.FromResult(new Dictionary<Guid, string> { [id] = "on loan" }), Ct);
        var third = await cache.GetManyAsync(FragmentKind.Availability, [id], (ids, _) =>
            Task.FromResult(new Dictionary<Guid, string> { [id] = "never read" }), Ct);

        Assert.Equal("available", first[id]);
        Assert.Equal("on loan", second[id]);
        Assert.Equal("on loan", third[id]);
    }

    private async Task<CirculationSeed> AssertCheckoutShowsOnLoanAsync(FragmentCache cache)
    {
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { LoanPeriod = 14 });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();
        var search = new SearchService(database.Factory, cache);
        var details = new RecordDetailsQuery(database.Factory, cache);
        var pageBefore = await details.GetAsync(seed.Record.Id, Ct);
        var hitBefore = Assert.Single((await search.SearchAsync(new SearchQuery(item.Barcode.Value), Ct)).Hits);

        var outcome = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, patron.CardNumber.Value, item.Barcode.Value, ct: Ct);

        Assert.True(outcome.Succeeded);
        Assert.True(Assert.Single(pageBefore!.Items).IsAvailable);
        Assert.Equal((1, 1), (hitBefore.AvailableCopies, hitBefore.TotalCopies));
        var copy = Assert.Single((await details.GetAsync(seed.Record.Id, Ct))!.Items);
        Assert.Equal(ItemStatus.OnLoan, copy.Status);
        Assert.False(copy.IsAvailable);
        Assert.NotNull(copy.DueAt);
        var hitAfter = Assert.Single((await search.SearchAsync(new SearchQuery(item.Barcode.Value), Ct)).Hits);
        Assert.Equal((0, 1), (hitAfter.AvailableCopies, hitAfter.TotalCopies));
        return seed;
    }
}
