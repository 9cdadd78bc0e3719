using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Notifications;

/// <summary>An overdue run stopped half-way (a crash after K notices), then run again: every notice arrives once.</summary>
public sealed class DispatchCrashTests(TestDatabase database, SmtpCapture smtp) : IClassFixture<SmtpCapture>
{
    private const int Patrons = 12;
    private const int CrashAfterK = 5;

    [Fact]
    public async Task OverdueRun_CrashAfterFiveNotices_RerunSendsExactlyTheMissingOnesAndNoneTwice()
    {
        // Arrange: 12 patrons with a late loan each, one reminder level.
        var ct = TestContext.Current.CancellationToken;
        var now = DateTime.UtcNow;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        await using (var db = database.CreateContext())
        {
            db.OverdueLevels.Add(new OverdueLevel(data.Library.Id, null, 1, 7, [NoticeChannel.Email], "overdue-1"));
            await db.SaveChangesAsync(ct);
        }

        var patrons = new List<Domain.Patrons.Patron>();
        for (var i = 0; i < Patrons; i++)
        {
            var patron = await data.PatronAsync(ct);
            await data.LateLoanAsync(patron, $"Les Rougon-Macquart, tome {i + 1}", now.AddDays(-9), ct);
            patrons.Add(patron);
        }

        var ids = patrons.Select(p => p.Id).ToList();
        await NoticeTestData.Planner(database).PlanOverdueAsync(now, ct);

        // Act 1: the run dies after the fifth notice is sent (the others of its batch stay claimed, "Sending").
        var crashing = data.Dispatcher([NoticeTestData.Smtp(smtp.Port)], parallelism: 1, observers: [new CrashAfter(CrashAfterK)]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.DispatchForPatronsAsync(ids, ct));
        var afterCrash = patrons.Sum(p => smtp.MessagesTo(p.Email!).Count);

        // Act 2: the next run, after the crashed run's lease has ended.
        var again = data.Dispatcher([NoticeTestData.Smtp(smtp.Port)], clock: new ShiftedClock(TimeSpan.FromMinutes(6)));
        var summary = await again.DispatchForPatronsAsync(ids, ct);

        // Assert: 5 then the 7 missing; each patron received exactly one message.
        Assert.Equal(CrashAfterK, afterCrash);
        Assert.Equal(Patrons - CrashAfterK, summary.Sent);
        Assert.All(patrons, p => Assert.Single(smtp.MessagesTo(p.Email!)));
        await using var check = database.CreateContext();
        var notices = await check.Notices.Where(n => ids.Contains(n.PatronId)).ToListAsync(ct);
        Assert.Equal(Patrons, notices.Count);
        Assert.All(notices, n => Assert.Equal((NoticeStatus.Sent, 1), (n.Status, n.Attempts)));
    }

    /// <summary>Throws after the K-th notice is recorded as sent, the way a process dies between two notices.</summary>
    private sealed class CrashAfter(int count) : INoticeSentObserver
    {
        private int _sent;

        public ValueTask SentAsync(Notice notice, CancellationToken ct) =>
            Interlocked.Increment(ref _sent) >= count
                ? throw new InvalidOperationException("Simulated crash of the overdue run")
                : ValueTask.CompletedTask;
    }
}
