using MediaBib.Domain.Audit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Jobs;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Tests.Notifications;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Infrastructure.Tests.Jobs;

/// <summary>The housekeeping services on the real database: rows due are handled, rows not due are left as they are.</summary>
public sealed class DataRetentionTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IOptions<DataRetentionOptions> Retention(int batchSize = 1000) =>
        Options.Create(new DataRetentionOptions { BatchSize = batchSize });

    [Fact]
    public async Task AuditRetention_EntriesPastRetainUntil_ArePurgedAndEntriesNotDueUntouched()
    {
        // Arrange: two entries past their retention date (a batch of 1 forces several delete rounds), one not yet due.
        var now = DateTime.UtcNow;
        var dueInfo = Entry(AuditSeverity.Info, now.AddMonths(-7));
        var dueNotice = Entry(AuditSeverity.Notice, now.AddYears(-2));
        var kept = Entry(AuditSeverity.Warning, now.AddYears(-2));
        await using (var db = database.CreateContext())
        {
            db.AuditEntries.AddRange(dueInfo, dueNotice, kept);
            await db.SaveChangesAsync(Ct);
        }

        // Act
        var result = await new AuditRetention(database.Factory, TimeProvider.System, Retention(batchSize: 1)).RunAsync(Ct);

        // Assert
        Assert.True(result.Anonymized >= 2 && result.Purged >= 2, $"anonymised {result.Anonymized}, purged {result.Purged}");
        await using var check = database.CreateContext();
        var left = await check.AuditEntries.AsNoTracking()
            .Where(a => a.Id == dueInfo.Id || a.Id == dueNotice.Id || a.Id == kept.Id).ToListAsync(Ct);
        var survivor = Assert.Single(left);
        Assert.Equal(kept.Id, survivor.Id);
        Assert.Equal(kept.Actor, survivor.Actor);
        Assert.Equal("192.0.2.7", survivor.Ip);
        Assert.Equal("Firefox/140", survivor.UserAgent);
        Assert.Null(survivor.AnonymizedAt);
        Assert.Contains(await check.AuditEntries.AsNoTracking().Where(a => a.OccurredAt >= now.AddMinutes(-1)).Select(a => a.Message).ToListAsync(Ct),
            m => m != null && m.StartsWith("Rétention du journal d'audit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoanHistory_ReturnedLongAgoWithoutOptIn_IsAnonymisedOthersKeepTheirPatron()
    {
        // Arrange
        var data = await new NoticeTestData(database).CreateAsync(Ct);
        var optedOut = await data.PatronAsync(Ct);
        var optedIn = await data.PatronAsync(Ct);
        await using (var db = database.CreateContext())
        {
            db.Attach(optedIn);
            optedIn.SetReadingHistoryPreference(true);
            await db.SaveChangesAsync(Ct);
        }

        var now = DateTime.UtcNow;
        var old = await LoanAsync(data, optedOut, returnedAt: now.AddMonths(-5));
        var recent = await LoanAsync(data, optedOut, returnedAt: now.AddMonths(-1));
        var open = await LoanAsync(data, optedOut, returnedAt: null);
        var oldKept = await LoanAsync(data, optedIn, returnedAt: now.AddMonths(-5));

        // Act
        var count = await new LoanHistoryAnonymizer(database.Factory, TimeProvider.System, Retention()).RunAsync(Ct);

        // Assert
        Assert.True(count >= 1);
        await using var check = database.CreateContext();
        var patrons = await check.Loans.AsNoTracking()
            .Where(l => l.Id == old.Id || l.Id == recent.Id || l.Id == open.Id || l.Id == oldKept.Id)
            .ToDictionaryAsync(l => l.Id, l => l.PatronId, Ct);
        Assert.Null(patrons[old.Id]);
        Assert.Equal(optedOut.Id, patrons[recent.Id]);
        Assert.Equal(optedOut.Id, patrons[open.Id]);
        Assert.Equal(optedIn.Id, patrons[oldKept.Id]);
    }

    [Fact]
    public async Task OutboxCleanup_EventsOlderThanAWeek_AreDeletedRecentOnesKept()
    {
        // Arrange
        var now = DateTime.UtcNow;
        var old = new OutboxMessage { Id = Guid.CreateVersion7(), OccurredAt = now.AddDays(-8), Type = "test.cleanup", Payload = "{}" };
        var recent = new OutboxMessage { Id = Guid.CreateVersion7(), OccurredAt = now.AddDays(-6), Type = "test.cleanup", Payload = "{}" };
        await using (var db = database.CreateContext())
        {
            db.OutboxMessages.AddRange(old, recent);
            await db.SaveChangesAsync(Ct);
        }

        // Act
        var deleted = await new OutboxCleanup(database.Factory, TimeProvider.System, Retention()).RunAsync(Ct);

        // Assert
        Assert.True(deleted >= 1);
        await using var check = database.CreateContext();
        var left = await check.OutboxMessages.AsNoTracking().Where(m => m.Id == old.Id || m.Id == recent.Id).Select(m => m.Id).ToListAsync(Ct);
        Assert.Equal([recent.Id], left);
    }

    private static AuditEntry Entry(AuditSeverity severity, DateTime occurredAt) => new()
    {
        OccurredAt = occurredAt,
        UserId = Guid.CreateVersion7(),
        Actor = Unique.Code("agent"),
        ActorKind = "staff",
        Action = AuditAction.Update.Code(),
        Severity = severity,
        ObjectLabel = Unique.Code("objet"),
        Ip = "192.0.2.7",
        UserAgent = "Firefox/140",
        RetainUntil = severity.RetainUntil(occurredAt),
    };

    private async Task<Loan> LoanAsync(NoticeTestData data, Patron patron, DateTime? returnedAt)
    {
        await using var db = database.CreateContext();
        var record = new Record(RecordType.Book, Unique.Code("Titre"));
        var item = new Item(record.Id, data.Library.Id, data.ItemType.Id, Barcode.From(Unique.Barcode()));
        var checkedOut = (returnedAt ?? DateTime.UtcNow).AddDays(-20);
        var loan = new Loan(item.Id, patron.Id, data.Library.Id, checkedOut, checkedOut.AddDays(21));
        if (returnedAt is { } at)
        {
            loan.Return(at, data.Library.Id);
        }

        db.AddRange(record, item, loan);
        await db.SaveChangesAsync(Ct);
        return loan;
    }
}
