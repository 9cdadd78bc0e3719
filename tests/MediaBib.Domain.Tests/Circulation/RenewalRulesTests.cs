using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Tests.Builders;

namespace MediaBib.Domain.Tests.Circulation;

public sealed class RenewalRulesTests
{
    private static RenewalDecision Renew(Loan loan, Domain.Patrons.Patron patron, CirculationPolicy? policy = null, IReadOnlyCollection<Hold>? holds = null) =>
        RenewalRules.Evaluate(patron, loan, [], holds ?? [], policy ?? World.Policy(), World.TuesdayToSaturday(), World.Now);

    [Fact]
    public void Evaluate_Allowed_NewDueFromNowOnOpenDay()
    {
        var patron = new PatronBuilder().Build();
        var loan = Loans.Of(new ItemBuilder().Build(), patron, World.Now.AddDays(2));

        var decision = Renew(loan, patron, World.Policy(new() { RenewalPeriod = 13 }));

        // 3 March + 13 = Monday 16 March (closed) → Tuesday 17.
        Assert.True(decision.IsAllowed);
        Assert.Equal(new DateOnly(2026, 3, 17), LibraryTime.Today(decision.DueAt));
    }

    [Fact]
    public void Evaluate_RenewalsUsedUp_RefusesLimit()
    {
        var patron = new PatronBuilder().Build();
        var loan = Loans.Of(new ItemBuilder().Build(), patron, World.Now.AddDays(2));
        loan.Renew(World.Now.AddDays(-1), World.Now.AddDays(2));

        var decision = Renew(loan, patron, World.Policy(new() { RenewalsAllowed = 1 }));

        Assert.Equal([RefusalReason.LoanRenewalLimit], decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_OtherPatronHoldsTitle_RefusesOnHold()
    {
        var patron = new PatronBuilder().Build();
        var loan = Loans.Of(new ItemBuilder().Build(), patron, World.Now.AddDays(2));

        var decision = Renew(loan, patron, holds: [HoldMaker.For(new PatronBuilder().Build(), World.Centre)]);

        Assert.Equal([RefusalReason.LoanRenewalOnHold], decision.Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_TooEarlyOrTooLate_RefusesWithReason()
    {
        var patron = new PatronBuilder().Build();
        var early = Loans.Of(new ItemBuilder().Build(), patron, World.Now.AddDays(10));
        var late = Loans.Of(new ItemBuilder().Build(), patron, World.Now.AddDays(-5));
        var policy = World.Policy(new() { NoRenewalBeforeDays = 3, RenewalOverdueLimitDays = 2 });

        Assert.Equal([RefusalReason.LoanRenewalTooSoon], Renew(early, patron, policy).Verdict.Refusals);
        Assert.Equal([RefusalReason.LoanRenewalOverdue], Renew(late, patron, policy).Verdict.Refusals);
    }

    [Fact]
    public void Evaluate_BlockedPatron_Refuses()
    {
        var patron = new PatronBuilder().Blocked().Build();
        var loan = Loans.Of(new ItemBuilder().Build(), patron, World.Now.AddDays(2));

        Assert.Equal([RefusalReason.PatronBlockedManual], Renew(loan, patron).Verdict.Refusals);
    }
}
