using MediaBib.Domain.Notifications;
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
        var planner = NoticeTestData.Planner(database);

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

        await NoticeTestData.Planner(database).PlanOverdueAsync(now, ct);

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
            Task.Run(() => NoticeTestData.Planner(database).PlanOverdueAsync(now, ct), ct),
            Task.Run(() => NoticeTestData.Planner(database).PlanOverdueAsync(now, ct), ct));

        await using var db = database.CreateContext();
        var perPatron = await db.Notices.Where(n => patrons.Contains(n.PatronId)).GroupBy(n => n.PatronId).Select(g => g.Count()).ToListAsync(ct);
        Assert.Equal([1, 1, 1, 1, 1], perPatron);
    }

    [Fact]
    public async Task PlanOverdue_LastLevelMarksLostAndCharges_ItemLostLoanClosedReplacementCharged()
    {
        // Arrange: five levels (any number is allowed); the fifth, 60 days late, declares the items lost.
        var ct = TestContext.Current.CancellationToken;
        var now = DateTime.UtcNow;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        await using (var db = database.CreateContext())
        {
            for (var level = 1; level <= 4; level++)
            {
                db.OverdueLevels.Add(new OverdueLevel(data.Library.Id, data.Category.Id, level, level * 10, [NoticeChannel.Email], "overdue-1"));
            }

            db.OverdueLevels.Add(new OverdueLevel(data.Library.Id, data.Category.Id, 5, 60, [NoticeChannel.Letter], "overdue-3", OverdueAction.MarkLostAndCharge));
            await db.SaveChangesAsync(ct);
        }

        var patron = await data.PatronAsync(ct);
        var lost = await data.LateLoanAsync(patron, "Le Horla", now.AddDays(-61), ct, price: 24.5m);
        var third = await data.LateLoanAsync(patron, "Boule de suif", now.AddDays(-35), ct, price: 9m);

        // Act: twice, the second run must not charge again.
        await NoticeTestData.Planner(database).PlanOverdueAsync(now, ct);
        await NoticeTestData.Planner(database).PlanOverdueAsync(now, ct);

        // Assert
        await using var check = database.CreateContext();
        var notices = await check.Notices.Where(n => n.PatronId == patron.Id).OrderBy(n => n.Level).ToListAsync(ct);
        Assert.Equal([3, 5], notices.Select(n => n.Level));
        Assert.Equal(["Le Horla"], notices[1].Items.Select(i => i.Title));
        var lostLoan = await check.Loans.SingleAsync(l => l.Id == lost.Id, ct);
        Assert.NotNull(lostLoan.ReturnedAt);
        Assert.Equal(Domain.Items.ItemStatus.Lost, (await check.Items.SingleAsync(i => i.Id == lost.ItemId, ct)).Status);
        var charge = Assert.Single(await check.Fines.Where(f => f.PatronId == patron.Id).ToListAsync(ct));
        Assert.Equal((Domain.Fines.FineKind.LostItem, 24.5m, lost.Id), (charge.Kind, charge.Amount, charge.LoanId));
        Assert.Null((await check.Loans.SingleAsync(l => l.Id == third.Id, ct)).ReturnedAt);
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
