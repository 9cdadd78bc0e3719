using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Tests.Builders;

namespace MediaBib.Domain.Tests.Holds;

public sealed class HoldRulesTests
{
    private static RuleVerdict Place(Domain.Patrons.Patron patron, IReadOnlyCollection<HoldCandidate> items, IReadOnlyCollection<Hold>? active = null,
        IReadOnlyCollection<OpenLoanInfo>? loans = null, CirculationPolicy? policy = null, Guid? itemId = null) =>
        HoldRules.Evaluate(patron, World.Record, itemId, items, active ?? [], loans ?? [], policy ?? World.Policy(), World.Today);

    private static HoldCandidate Holdable(Item? item = null) => new(item ?? new ItemBuilder().WithStatus(ItemStatus.OnLoan).Build(), false, true);

    [Fact]
    public void Evaluate_HoldableItemExists_Allows()
    {
        Assert.True(Place(new PatronBuilder().Build(), [Holdable()]).IsAllowed);
    }

    [Fact]
    public void Evaluate_OnlyWithdrawnOrLostItems_RefusesNoHoldableItem()
    {
        var items = new[] { Holdable(new ItemBuilder().WithStatus(ItemStatus.Withdrawn).Build()), Holdable(new ItemBuilder().WithStatus(ItemStatus.Lost).Build()) };

        Assert.Equal([RefusalReason.HoldNoHoldableItem], Place(new PatronBuilder().Build(), items).Refusals);
    }

    [Fact]
    public void Evaluate_RuleForbidsHolds_RefusesNotAllowed()
    {
        Assert.Equal([RefusalReason.HoldNotAllowed], Place(new PatronBuilder().Build(), [Holdable()], policy: World.Policy(new() { HoldsAllowed = false })).Refusals);
    }

    [Fact]
    public void Evaluate_PatronAlreadyHoldsTitle_RefusesAlreadyHolding()
    {
        var patron = new PatronBuilder().Build();

        var verdict = Place(patron, [Holdable()], [HoldMaker.For(patron, World.Centre)]);

        Assert.Equal([RefusalReason.HoldAlreadyHolding], verdict.Refusals);
    }

    [Fact]
    public void Evaluate_PatronBorrowsAnItemOfTitle_RefusesAlreadyOnLoan()
    {
        var candidate = Holdable();

        var verdict = Place(new PatronBuilder().Build(), [candidate], loans: [Loans.Open(candidate.Item)]);

        Assert.Equal([RefusalReason.HoldAlreadyOnLoan], verdict.Refusals);
    }

    [Fact]
    public void Evaluate_MaxHoldsReached_RefusesMaxHolds()
    {
        var patron = new PatronBuilder().Build();
        var elsewhere = new Hold(Guid.CreateVersion7(), patron.Id, World.Centre, World.Now);

        var verdict = Place(patron, [Holdable()], [elsewhere], policy: World.Policy(new() { MaxHolds = 1 }));

        Assert.Equal([RefusalReason.HoldMaxHolds], verdict.Refusals);
    }
}

public sealed class HoldQueueTests
{
    [Fact]
    public void Order_StaffPriorityThenRequestTime()
    {
        var early = HoldMaker.For(new PatronBuilder().Build(), World.Centre, World.Now.AddDays(-9));
        var late = HoldMaker.For(new PatronBuilder().Build(), World.Centre, World.Now.AddDays(-1));
        var promoted = HoldMaker.For(new PatronBuilder().Build(), World.Centre, World.Now);
        promoted.SetPriority(1);

        var ordered = HoldQueue.Order([late, early, promoted]).ToList();

        Assert.Equal([promoted, early, late], ordered);
    }

    [Fact]
    public void NextFor_ItemLevelHoldOnOtherItem_IsSkipped()
    {
        var item = new ItemBuilder().Build();
        var otherItem = new ItemBuilder().Build();
        var forOther = HoldMaker.For(new PatronBuilder().Build(), World.Centre, World.Now.AddDays(-9), otherItem);
        var titleLevel = HoldMaker.For(new PatronBuilder().Build(), World.Centre, World.Now.AddDays(-1));

        Assert.Same(titleLevel, HoldQueue.NextFor(item, [forOther, titleLevel], World.Today));
    }
}

public sealed class ItemTransitionsTests
{
    [Theory]
    [InlineData(ItemStatus.Available, ItemStatus.OnLoan, true)]
    [InlineData(ItemStatus.Withdrawn, ItemStatus.OnLoan, false)]
    [InlineData(ItemStatus.Lost, ItemStatus.Available, true)]
    [InlineData(ItemStatus.OnLoan, ItemStatus.Withdrawn, false)]
    [InlineData(ItemStatus.Available, ItemStatus.ClaimedReturned, false)]
    public void IsAllowed_Transition_MatchesLifeOfItem(ItemStatus from, ItemStatus to, bool expected)
    {
        Assert.Equal(expected, ItemTransitions.IsAllowed(from, to));
    }

    [Fact]
    public void SetStatus_InvalidTransition_Throws()
    {
        var item = new ItemBuilder().WithStatus(ItemStatus.Withdrawn).Build();

        Assert.Throws<Common.DomainException>(() => item.Lend(World.Now));
    }
}
