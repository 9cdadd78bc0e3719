using System.Collections.Concurrent;
using MediaBib.Domain.Catalog;
using Record = MediaBib.Domain.Catalog.Record;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Infrastructure.Search.Caching;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MediaBib.Infrastructure.Tests.Persistence;

/// <summary>
/// What the saves of one transaction collect reaches its after-commit work once, at the commit, and never outlives its
/// transaction, even on a pooled context that goes back to the pool with the transaction still open. Observed through
/// the OPAC cache's invalidation line (<see cref="Infrastructure.Persistence.Interceptors.CatalogueChangeInterceptor"/>).
/// </summary>
public sealed class AfterCommitInterceptorTests(TestDatabase database)
{
    private readonly ConcurrentQueue<Guid[]> _published = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoSavesInOneTransaction_AreAnnouncedTogetherAtTheCommit_NotBefore()
    {
        using var listening = Listen();
        var first = NewRecord();
        var second = NewRecord();
        await using var db = database.CreateContext();
        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.Records.Add(first);
            await db.SaveChangesAsync(Ct);
            db.Records.Add(second);
            await db.SaveChangesAsync(Ct);
            Assert.Empty(PublishedOf(first.Id, second.Id));

            await transaction.CommitAsync(Ct);
        }

        var announced = Assert.Single(PublishedOf(first.Id, second.Id));
        Assert.Equal(new[] { first.Id, second.Id }.Order(), announced.Order());
    }

    [Fact]
    public async Task PooledContext_BackInThePoolWithItsTransactionOpen_DoesNotCarryItsChangesToTheNextUse()
    {
        using var listening = Listen();
        var options = new DbContextOptionsBuilder<MediaBibDbContext>();
        DatabaseSetup.Configure(options, database.ConnectionString, database.Clock);
        var pool = new PooledDbContextFactory<MediaBibDbContext>(options.Options, poolSize: 1);
        var abandoned = NewRecord();
        var later = NewRecord();

        MediaBibDbContext firstUse;
        await using (var db = await pool.CreateDbContextAsync(Ct))
        {
            firstUse = db;
            await db.Database.BeginTransactionAsync(Ct);
            db.Records.Add(abandoned);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await pool.CreateDbContextAsync(Ct))
        {
            Assert.Same(firstUse, db);
            db.Records.Add(later);
            await db.SaveChangesAsync(Ct);
        }

        var announced = Assert.Single(PublishedOf(abandoned.Id, later.Id));
        Assert.Equal([later.Id], announced);
        await using var check = database.CreateContext();
        Assert.False(await check.Records.AnyAsync(r => r.Id == abandoned.Id, Ct));
    }

    private static Record NewRecord() => new(RecordType.Book, Unique.Code("Après validation"));

    private IDisposable Listen() => FragmentInvalidation.For(database.ConnectionString).Subscribe(ids => _published.Enqueue([.. ids]));

    /// <summary>The announcements that name any of these records (other tests share the database and its line).</summary>
    private List<Guid[]> PublishedOf(params Guid[] records) =>
        [.. _published.Select(ids => ids.Where(records.Contains).ToArray()).Where(ids => ids.Length > 0)];
}
