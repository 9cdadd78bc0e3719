using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Tests.Builders;

namespace MediaBib.Domain.Tests.Circulation;

public sealed class CheckoutRulesTests
{
    private static CheckoutDecision Evaluate(
        Domain.Patrons.Patron? patron = null, Item? item = null, IReadOnlyCollection<OpenLoanInfo>? loans = null,
        IReadOnlyCollection<Hold>? holds = null, CirculationPolicy? policy = null, StaffOverride? staffOverride = null,
        Sites.LibraryCalendar? calendar = null, DateTime? now = null) =>
        CheckoutRules.Evaluate(patron ?? new PatronBuilder().Build(), item ?? new ItemBuilder().Build(), World.Book, loans ?? [], holds ?? [],
            policy ?? World.Policy(), calendar ?? World.TuesdayToSaturday(), now ?? World.Now, staffOverride);

    [Fact]
    public void Evaluate_AvailableItem_DueAtEndOfOpenDayInParis()
    {
        // 21 days after Tuesday 3 March is Tuesday 24 March: open, due 23:59:59 Paris (22:59:59 UTC, winter time).
        var decision = Evaluate();

        Assert.True(decision.IsAllowed);
        Assert.Equal(new DateTime(2026, 3, 24, 22, 59, 59, DateTimeKind.Utc), decision.DueAt);
    }

    [Fact]
    public void Evaluate_DueDateOnClosedDay_MovesToNextOpenDay()
    {
        // 20 days after 3 March is Monday 23 March (closed), and Tuesday 24 is a holiday here: Wednesday 25.
        var decision = Evaluate(policy: World.Policy(new() { LoanPeriod = 20 }), calendar: World.TuesdayToSaturday(new DateOnly(2026, 3, 24)));

        Assert.Equal(new DateOnly(2026, 3, 25), LibraryTime.Today(decision.DueAt));
    }

    [Fact]
    public void Evaluate_HourLoan_DueAfterTheHours()
    {
        var decision = Evaluate(policy: World.Policy(new() { LoanPeriod = 3, LoanPeriodUnit = LoanPeriodUnit.Hours }));

        Assert.Equal(World.Now.AddHours(3), decision.DueAt);
    }

    [Fact]
    public void Evaluate_HardDueDateBeforeNormalDue_CapsDueDate()
    {
        var decision = Evaluate(policy: World.Policy(new() { HardDueDate = new DateOnly(2026, 3, 10) }));

        Assert.Equal(LibraryTime.EndOfDayUtc(new DateOnly(2026, 3, 10)), decision.DueAt);
    }

    [Theory]
    [InlineData("expired", RefusalReason.PatronExpired)]
    [InlineData("blocked", RefusalReason.PatronBlockedManual)]
    [InlineData("suspended", RefusalReason.PatronSuspended)]
    [InlineData("fines", RefusalReason.PatronBlockedFines)]
    public void Evaluate_BlockedPatron_RefusesWithReason(string block, RefusalReason expected)
    {
        var builder = new PatronBuilder();
        var patron = block switch
        {
            "expired" => builder.Expired(),
            "blocked" => builder.Blocked(),
            "suspended" => builder.SuspendedUntil(World.Today.AddDays(2)),
            _ => builder.Owing(10.01m),
        };

        var decision = Evaluate(patron.Build());

        Assert.Equal([expected], decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_LoanOverdueBeyondLimit_RefusesOverdueBlock()
    {
        var other = new ItemBuilder().Build();

        var decision = Evaluate(loans: [Loans.Open(other, World.Now.AddDays(-31))]);

        Assert.Contains(RefusalReason.PatronBlockedOverdue, decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_MaxLoansReached_RefusesMaxLoans()
    {
        var loans = Enumerable.Range(0, 2).Select(_ => Loans.Open(new ItemBuilder().Build())).ToList();

        var decision = Evaluate(loans: loans, policy: World.Policy(new() { MaxLoans = 2 }));

        Assert.Equal([RefusalReason.PatronMaxLoans], decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_MaxLoansPerItemTypeReached_RefusesOnlyForThatType()
    {
        var dvdLoan = Loans.Open(new ItemBuilder().OfType(World.Dvd).Build());
        var policy = World.Policy(new() { MaxLoansPerItemType = 1 });

        var book = Evaluate(loans: [dvdLoan], policy: policy);
        var dvd = CheckoutRules.Evaluate(new PatronBuilder().Build(), new ItemBuilder().OfType(World.Dvd).Build(), World.Dvd, [dvdLoan], [],
            policy, World.TuesdayToSaturday(), World.Now);

        Assert.True(book.IsAllowed);
        Assert.Equal([RefusalReason.PatronMaxLoansItemType], dvd.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_ItemOnLoan_RefusesNotAvailable()
    {
        var decision = Evaluate(item: new ItemBuilder().WithStatus(ItemStatus.OnLoan).Build());

        Assert.Equal([RefusalReason.ItemNotAvailable], decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_ItemNotForLoan_RefusesNotForLoan()
    {
        var decision = Evaluate(item: new ItemBuilder().NotForLoan().Build());

        Assert.Equal([RefusalReason.ItemNotForLoan], decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_ItemOnHoldShelfForAnotherPatron_RefusesOnHoldForOther()
    {
        var item = new ItemBuilder().WithStatus(ItemStatus.OnHoldShelf).Build();
        var hold = HoldMaker.Waiting(new PatronBuilder().Build(), item, World.Centre);

        var decision = Evaluate(item: item, holds: [hold]);

        Assert.Equal([RefusalReason.ItemOnHoldForOther], decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_ItemTrappedForThisPatron_AllowsAndFulfilsHold()
    {
        var patron = new PatronBuilder().Build();
        var item = new ItemBuilder().WithStatus(ItemStatus.OnHoldShelf).Build();
        var hold = HoldMaker.Waiting(patron, item, World.Centre);

        var decision = Evaluate(patron, item, holds: [hold]);

        Assert.True(decision.IsAllowed);
        Assert.Same(hold, decision.HoldToFulfil);
    }

    [Fact]
    public void Evaluate_OverrideOnOverridableRefusals_AllowsAndListsOverridden()
    {
        var decision = Evaluate(new PatronBuilder().Expired().Build(), staffOverride: new StaffOverride("Carte en cours de renouvellement"));

        Assert.True(decision.IsAllowed);
        Assert.Equal([RefusalReason.PatronExpired], decision.Verdict.Overridden);
    }

    [Fact]
    public void Evaluate_OverrideOnItemNotAvailable_StillRefuses()
    {
        var decision = Evaluate(item: new ItemBuilder().WithStatus(ItemStatus.OnLoan).Build(), staffOverride: new StaffOverride("Forcer"));

        Assert.False(decision.IsAllowed);
        Assert.Empty(decision.Verdict.Overridden);
    }
}
