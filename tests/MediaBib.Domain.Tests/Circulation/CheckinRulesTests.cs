using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Tests.Builders;

namespace MediaBib.Domain.Tests.Circulation;

public sealed class CheckinRulesTests
{
    private static CheckinContext Context(Item item, Guid here, IReadOnlyCollection<Hold>? queue = null, Loan? loan = null, Patron? borrower = null,
        CirculationPolicy? loanPolicy = null, CirculationPolicy? itemPolicy = null, Transit? transit = null) => new()
    {
        Item = item,
        Here = here,
        HereCalendar = World.TuesdayToSaturday(),
        ItemPolicy = itemPolicy ?? World.ItemPolicy(),
        Queue = queue ?? [],
        Loan = loan,
        Borrower = borrower,
        LoanPolicy = loan is null ? null : loanPolicy ?? World.Policy(),
        LoanCalendar = loan is null ? null : World.TuesdayToSaturday(),
        OpenTransit = transit,
    };

    private static (Item Item, Patron Borrower, Loan Loan) LoanedItem(DateTime dueAt, decimal? price = null)
    {
        var builder = new ItemBuilder().WithStatus(ItemStatus.OnLoan);
        var item = (price is { } p ? builder.Priced(p) : builder).Build();
        var borrower = new PatronBuilder().Build();
        return (item, borrower, Loans.Of(item, borrower, dueAt));
    }

    [Fact]
    public void Process_OnTimeNoHold_ClosesLoanAndShelvesHere()
    {
        var (item, borrower, loan) = LoanedItem(World.Now.AddDays(3));

        var result = CheckinRules.Process(Context(item, World.Centre, loan: loan, borrower: borrower), World.Now);

        Assert.False(loan.IsOpen);
        Assert.Equal(ItemDestination.Shelf, result.Outcome.Destination);
        Assert.Equal(ItemStatus.Available, item.Status);
        Assert.Null(result.NewFine);
        Assert.Contains(loan.DomainEvents, e => e.Type == "loan.returned");
    }

    [Fact]
    public void Process_LateReturn_CreatesFineAndSuspends()
    {
        var (item, borrower, loan) = LoanedItem(LibraryTime.EndOfDayUtc(new DateOnly(2026, 2, 24)));
        var policy = World.Policy(new() { FinePerDay = 0.15m, SuspensionDaysPerOverdueDay = 1 });

        // Wed 25 .. Sat 28 (4) + Tue 3 March (1) = 5 open overdue days.
        var result = CheckinRules.Process(Context(item, World.Centre, loan: loan, borrower: borrower, loanPolicy: policy), World.Now);

        Assert.Equal(5, result.Outcome.OverdueDays);
        Assert.Equal(0.75m, result.NewFine!.Amount);
        Assert.Equal(World.Today.AddDays(5), borrower.SuspendedUntil);
    }

    [Fact]
    public void Process_FirstEligibleHoldPicksUpHere_WaitsOnHoldShelfWithDeadline()
    {
        var (item, borrower, loan) = LoanedItem(World.Now.AddDays(3));
        var suspended = HoldMaker.For(new PatronBuilder().Build(), World.Annexe, World.Now.AddDays(-20));
        suspended.Suspend(World.Today.AddDays(10));
        var first = HoldMaker.For(new PatronBuilder().Build(), World.Centre, World.Now.AddDays(-5));
        var second = HoldMaker.For(new PatronBuilder().Build(), World.Centre, World.Now.AddDays(-1));

        var result = CheckinRules.Process(Context(item, World.Centre, [second, suspended, first], loan, borrower), World.Now);

        Assert.Equal(ItemDestination.HoldShelf, result.Outcome.Destination);
        Assert.Equal(first.Id, result.Outcome.HoldId);
        Assert.Equal(HoldStatus.Waiting, first.Status);
        // Pickup delay 7 days → Tuesday 10 March (open).
        Assert.Equal(new DateOnly(2026, 3, 10), first.PickupDeadline);
        Assert.Equal(ItemStatus.OnHoldShelf, item.Status);
    }

    [Fact]
    public void Process_HoldPicksUpElsewhere_StartsTransitToPickup()
    {
        var item = new ItemBuilder().Build();
        var hold = HoldMaker.For(new PatronBuilder().Build(), World.Annexe);

        var result = CheckinRules.Process(Context(item, World.Centre, [hold]), World.Now);

        Assert.Equal(ItemDestination.TransitToPickup, result.Outcome.Destination);
        Assert.Equal(World.Annexe, result.NewTransit!.ToLibraryId);
        Assert.Equal(HoldStatus.InTransit, hold.Status);
        Assert.Equal(ItemStatus.InTransit, item.Status);
    }

    [Fact]
    public void Process_HoldNoLongerNeeded_IsSkipped()
    {
        var item = new ItemBuilder().Build();
        var stale = new Hold(World.Record, Guid.CreateVersion7(), World.Centre, World.Now.AddDays(-30), notNeededAfter: World.Today.AddDays(-1));

        var result = CheckinRules.Process(Context(item, World.Centre, [stale]), World.Now);

        Assert.Equal(ItemDestination.Shelf, result.Outcome.Destination);
        Assert.Equal(HoldStatus.Pending, stale.Status);
    }

    [Fact]
    public void Process_ReturnedAwayFromHome_TransitsHomeUnlessFloating()
    {
        var home = new ItemBuilder().HomeAt(World.Annexe).Build();
        var floating = new ItemBuilder().HomeAt(World.Annexe).Build();

        var toHome = CheckinRules.Process(Context(home, World.Centre), World.Now);
        var stays = CheckinRules.Process(Context(floating, World.Centre, itemPolicy: World.ItemPolicy(new() { ReturnPolicy = ReturnPolicy.Float })), World.Now);

        Assert.Equal(ItemDestination.TransitHome, toHome.Outcome.Destination);
        Assert.Equal(TransitReason.ReturnHome, toHome.NewTransit!.Reason);
        Assert.Equal(ItemDestination.Shelf, stays.Outcome.Destination);
        Assert.Equal(World.Centre, floating.CurrentLibraryId);
    }

    [Fact]
    public void Process_HoldTransitArrives_ReceivesAndPutsOnHoldShelf()
    {
        var item = new ItemBuilder().Build();
        var hold = HoldMaker.For(new PatronBuilder().Build(), World.Annexe);
        var sent = CheckinRules.Process(Context(item, World.Centre, [hold]), World.Now);

        var arrived = CheckinRules.Process(Context(item, World.Annexe, [hold], transit: sent.NewTransit), World.Now.AddDays(1));

        Assert.Equal(ItemDestination.HoldShelf, arrived.Outcome.Destination);
        Assert.Equal(sent.NewTransit!.Id, arrived.Outcome.TransitReceivedId);
        Assert.False(sent.NewTransit.IsOpen);
        Assert.Equal(HoldStatus.Waiting, hold.Status);
    }

    [Fact]
    public void Process_TransitScannedAtWrongLibrary_StaysInTransit()
    {
        var item = new ItemBuilder().HomeAt(World.Annexe).Build();
        var sent = CheckinRules.Process(Context(item, World.Centre), World.Now);

        var again = CheckinRules.Process(Context(item, Guid.CreateVersion7(), transit: sent.NewTransit), World.Now);

        Assert.Equal(ItemDestination.StillInTransit, again.Outcome.Destination);
        Assert.True(sent.NewTransit!.IsOpen);
    }

    [Fact]
    public void Process_HoldsNotCaptured_ClosesLoanButLeavesHoldPendingAndSaysCheckInAgain()
    {
        var (item, borrower, loan) = LoanedItem(World.Now.AddDays(3));
        var hold = HoldMaker.For(new PatronBuilder().Build(), World.Centre);
        var context = Context(item, World.Centre, [hold], loan, borrower) with { CaptureHolds = false };

        var result = CheckinRules.Process(context, World.Now);

        Assert.False(loan.IsOpen);
        Assert.Equal(ItemDestination.CheckInAgain, result.Outcome.Destination);
        Assert.Equal(hold.Id, result.Outcome.HoldId);
        Assert.Equal(hold.PatronId, result.Outcome.HoldPatronId);
        Assert.Equal(World.Centre, result.Outcome.DestinationLibraryId);
        Assert.Equal(HoldStatus.Pending, hold.Status);
        Assert.Null(hold.ItemId);
        Assert.Null(result.NewTransit);
        Assert.Equal(ItemStatus.Available, item.Status);
    }

    [Fact]
    public void Process_HoldsNotCapturedThenCheckedInAgainAtDesk_TrapsTheHold()
    {
        var item = new ItemBuilder().Build();
        var hold = HoldMaker.For(new PatronBuilder().Build(), World.Annexe);
        var sorter = CheckinRules.Process(Context(item, World.Centre, [hold]) with { CaptureHolds = false }, World.Now);

        var desk = CheckinRules.Process(Context(item, World.Centre, [hold]), World.Now);

        Assert.Equal(ItemDestination.CheckInAgain, sorter.Outcome.Destination);
        Assert.Equal(World.Annexe, sorter.Outcome.DestinationLibraryId);
        Assert.Null(sorter.NewTransit);
        Assert.Equal(ItemDestination.TransitToPickup, desk.Outcome.Destination);
        Assert.Equal(HoldStatus.InTransit, hold.Status);
    }

    [Fact]
    public void Process_HoldsNotCapturedNoHold_ShelvesAsUsual()
    {
        var item = new ItemBuilder().Build();

        var result = CheckinRules.Process(Context(item, World.Centre) with { CaptureHolds = false }, World.Now);

        Assert.Equal(ItemDestination.Shelf, result.Outcome.Destination);
        Assert.Null(result.Outcome.HoldId);
    }

    [Fact]
    public void Process_HoldTransitArrivesWhereHoldsAreNotCaptured_TransitStaysOpenUntilCheckedInAgain()
    {
        var item = new ItemBuilder().Build();
        var hold = HoldMaker.For(new PatronBuilder().Build(), World.Annexe);
        var sent = CheckinRules.Process(Context(item, World.Centre, [hold]), World.Now);

        var sorter = CheckinRules.Process(Context(item, World.Annexe, [hold], transit: sent.NewTransit) with { CaptureHolds = false }, World.Now.AddDays(1));
        var desk = CheckinRules.Process(Context(item, World.Annexe, [hold], transit: sent.NewTransit), World.Now.AddDays(1));

        Assert.Equal(ItemDestination.CheckInAgain, sorter.Outcome.Destination);
        Assert.Null(sorter.Outcome.TransitReceivedId);
        Assert.Equal(ItemDestination.HoldShelf, desk.Outcome.Destination);
        Assert.Equal(HoldStatus.Waiting, hold.Status);
    }
}
