using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Notifications;

public sealed class NoticePlannerTests(TestDatabase database)
{
    [Fact]
    public async Task PlanOverdue_LoansAtTwoLevels_OneNoticePerPatronAndLevelGatheringTheItems()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTime.UtcNow;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        await AddLevelsAsync(data, ct);
        var alice = await data.PatronAsync(ct);
        var bruno = await data.PatronAsync(ct, email: null);
        await data.LateLoanAsync(alice, "Candide", now.AddDays(-10), ct);
        await data.LateLoanAsync(alice, "Zadig", now.AddDays(-9), ct);
        await data.LateLoanAsync(alice, "Micromégas", now.AddDays(-20), ct);
        await data.LateLoanAsync(alice, "Pas encore en retard", now.AddDays(-3), ct);
        await data.LateLoanAsync(bruno, "Nana", now.AddDays(-8), ct);
        var planner = new NoticePlanner(database.Factory);

        await planner.PlanOverdueAsync(now, ct);
        await planner.PlanOverdueAsync(now.AddHours(1), ct);

        await using var db = database.CreateContext();
        var notices = await db.Notices.Where(n => n.PatronId == alice.Id || n.PatronId == bruno.Id)
            .OrderBy(n => n.PatronId == alice.Id ? 0 : 1).ThenBy(n => n.Level).ToListAsync(ct);
        Assert.Equal(3, notices.Count);
        Assert.Equal((alice.Id, 1, "overdue-1"), (notices[0].PatronId, notices[0].Level, notices[0].TemplateKey));
        Assert.Equal(["Candide", "Zadig"], notices[0].Items.Select(i => i.Title));
        Assert.Equal([NoticeChannel.Email, NoticeChannel.Letter], [notices[0].Channel, .. notices[0].FallbackChannels]);
        Assert.Equal((alice.Id, 2), (notices[1].PatronId, notices[1].Level));
        Assert.Equal(["Micromégas"], notices[1].Items.Select(i => i.Title));
        Assert.Equal((bruno.Id, 1, NoticeChannel.Letter), (notices[2].PatronId, notices[2].Level, notices[2].Channel));
        Assert.Empty(notices[2].FallbackChannels);
        Assert.All(notices, n => Assert.Equal(NoticeStatus.Queued, n.Status));
        var blocked = await db.Patrons.SingleAsync(p => p.Id == alice.Id, ct);
        Assert.True(blocked.IsBlocked);
        Assert.False((await db.Patrons.SingleAsync(p => p.Id == bruno.Id, ct)).IsBlocked);
    }

    [Fact]
    public async Task PlanOverdue_PatronPrefersLetters_LetterFirstThenTheLevelsOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTime.UtcNow;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        await AddLevelsAsync(data, ct);
        var claire = await data.PatronAsync(ct);
        await using (var db = database.CreateContext())
        {
            var patron = await db.Patrons.SingleAsync(p => p.Id == claire.Id, ct);
            patron.SetPreferredNoticeChannel(NoticeChannel.Letter);
            await db.SaveChangesAsync(ct);
        }

        await data.LateLoanAsync(claire, "L'Assommoir", now.AddDays(-10), ct);

        await new NoticePlanner(database.Factory).PlanOverdueAsync(now, ct);

        await using var check = database.CreateContext();
        var notice = await check.Notices.SingleAsync(n => n.PatronId == claire.Id, ct);
        Assert.Equal([NoticeChannel.Letter, NoticeChannel.Email], [notice.Channel, .. notice.FallbackChannels]);
    }

    [Fact]
    public async Task PlanOverdue_TwoPlannersAtOnce_QueueEachNoticeOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTime.UtcNow;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        await AddLevelsAsync(data, ct);
        var patrons = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var patron = await data.PatronAsync(ct);
            await data.LateLoanAsync(patron, $"Roman {i}", now.AddDays(-8), ct);
            patrons.Add(patron.Id);
        }

        await Task.WhenAll(
            Task.Run(() => new NoticePlanner(database.Factory).PlanOverdueAsync(now, ct), ct),
            Task.Run(() => new NoticePlanner(database.Factory).PlanOverdueAsync(now, ct), ct));

        await using var db = database.CreateContext();
        var perPatron = await db.Notices.Where(n => patrons.Contains(n.PatronId)).GroupBy(n => n.PatronId).Select(g => g.Count()).ToListAsync(ct);
        Assert.Equal([1, 1, 1, 1, 1], perPatron);
    }

    [Fact]
    public void Plan_RenewedLoanRemindedBefore_IsRemindedAgainForItsNewDueDate()
    {
        var library = Guid.CreateVersion7();
        var category = Guid.CreateVersion7();
        var patron = Guid.CreateVersion7();
        var loan = Guid.CreateVersion7();
        var now = new DateTime(2026, 4, 1, 8, 0, 0, DateTimeKind.Utc);
        var levels = new[] { new OverdueLevel(library, null, 1, 7, [NoticeChannel.Email], "overdue-1") };
        var oldDue = now.AddDays(-30);
        var newDue = now.AddDays(-8);
        var item = new NoticeItem(Guid.CreateVersion7(), "B1", "Titre", loan, newDue, null);

        var again = OverdueNoticeRules.Plan([new OverdueLoan(loan, patron, category, library, newDue, item)], levels,
            new HashSet<(Guid, DateTime, int)> { (loan, oldDue, 1) }, now);
        var not = OverdueNoticeRules.Plan([new OverdueLoan(loan, patron, category, library, newDue, item)], levels,
            new HashSet<(Guid, DateTime, int)> { (loan, newDue, 1) }, now);

        Assert.Single(again);
        Assert.Empty(not);
    }

    private async Task AddLevelsAsync(NoticeTestData data, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        db.OverdueLevels.Add(new OverdueLevel(data.Library.Id, null, 1, 7, [NoticeChannel.Email, NoticeChannel.Letter], "overdue-1"));
        db.OverdueLevels.Add(new OverdueLevel(data.Library.Id, null, 2, 15, [NoticeChannel.Letter], "overdue-2", OverdueAction.BlockCard));
        // A third level, 40 days late: no loan of these tests reaches it.
        db.OverdueLevels.Add(new OverdueLevel(data.Library.Id, null, 3, 40, [NoticeChannel.Letter], "overdue-3"));
        await db.SaveChangesAsync(ct);
    }
}
