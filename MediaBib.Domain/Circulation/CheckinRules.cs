using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Circulation;

/// <summary>Everything a checkin looks at. The loan-side values are null when the item was not on loan.</summary>
public sealed record CheckinContext
{
    public required Item Item { get; init; }

    public required Guid Here { get; init; }

    public required LibraryCalendar HereCalendar { get; init; }

    /// <summary>Policy for (here, any category, item type): return policy and pickup delay.</summary>
    public required CirculationPolicy ItemPolicy { get; init; }

    /// <summary>Active holds on the item's record.</summary>
    public required IReadOnlyCollection<Hold> Queue { get; init; }

    public Transit? OpenTransit { get; init; }

    public Loan? Loan { get; init; }

    public Patron? Borrower { get; init; }

    /// <summary>Policy for (lending library, borrower's category, item type): fines and suspension.</summary>
    public CirculationPolicy? LoanPolicy { get; init; }

    /// <summary>Calendar of the lending library: closed days do not accrue fines.</summary>
    public LibraryCalendar? LoanCalendar { get; init; }

    /// <summary>An overdue fine already accruing for this loan.</summary>
    public Fine? AccruingFine { get; init; }

    /// <summary>
    /// False at a checkin point that must not trap holds (a return sorter out of opening hours): an item a hold wants
    /// is routed <see cref="ItemDestination.CheckInAgain"/> instead of going to the hold shelf or to a pickup library.
    /// </summary>
    public bool CaptureHolds { get; init; } = true;
}

/// <summary>What the desk is told after a checkin (plain data, safe to return to any door).</summary>
public sealed record CheckinOutcome(
    Guid ItemId,
    string Barcode,
    ItemDestination Destination,
    Guid DestinationLibraryId,
    Guid? LoanId,
    Guid? BorrowerId,
    int OverdueDays,
    decimal FineAmount,
    DateOnly? SuspendedUntil,
    Guid? HoldId,
    Guid? HoldPatronId,
    DateOnly? PickupDeadline,
    Guid? TransitReceivedId,
    Guid? NewTransitId)
{
    public bool WasOnLoan => LoanId is not null;

    /// <summary>What the doors show about the item, read with it by the service (the rules leave it empty).</summary>
    public CheckinItemFacts? Facts { get; init; }
}

/// <summary>The item as a checkin answer describes it: title, call number, codes, and the card of the borrower it came back from.</summary>
public sealed record CheckinItemFacts(string Title, string? CallNumber, Guid HomeLibraryId, string? ItemTypeCode, string? SectionCode, string? BorrowerCard);

/// <summary>The outcome plus the new rows the service must add.</summary>
public sealed record CheckinResult(CheckinOutcome Outcome, Fine? NewFine, Transit? NewTransit);

/// <summary>
/// Checkin at any library: closes the loan (fine and suspension for a late return), completes a transit arriving
/// here, then routes the item (<see cref="ItemRouting"/>). An item that was not on loan is handled the same way minus
/// the loan part, so a checkin may still trap a hold or end a transit.
/// </summary>
public static class CheckinRules
{
    public static CheckinResult Process(CheckinContext c, DateTime utcNow)
    {
        var item = c.Item;
        var (charge, fine, suspendedUntil) = CloseLoan(c, utcNow);
        Guid? received = null;
        Routing routing;
        if (c.OpenTransit is { } transit && transit.ToLibraryId != c.Here)
        {
            routing = new Routing(ItemDestination.StillInTransit, transit.ToLibraryId,
                c.Queue.FirstOrDefault(h => h.Id == transit.HoldId));
        }
        else if (c.OpenTransit is { } untrapped && !c.CaptureHolds && HoldArrivingHere(c, untrapped) is { } arrivingHold)
        {
            // The transit stays open: checking the item in again at the desk receives it and traps the hold.
            routing = new Routing(ItemDestination.CheckInAgain, c.Here, arrivingHold);
        }
        else if (c.OpenTransit is { } arriving)
        {
            arriving.Receive(utcNow);
            received = arriving.Id;
            routing = Arrive(c, arriving, utcNow);
        }
        else if (item.Status == ItemStatus.OnHoldShelf
                 && c.Queue.FirstOrDefault(h => h.Status == HoldStatus.Waiting && h.ItemId == item.Id) is { } waiting)
        {
            routing = new Routing(ItemDestination.HoldShelf, item.CurrentLibraryId, waiting, waiting.PickupDeadline);
        }
        else
        {
            routing = Route(c, utcNow);
        }

        var outcome = new CheckinOutcome(
            item.Id, item.Barcode.Value, routing.Destination, routing.LibraryId, c.Loan?.Id, c.Loan?.PatronId,
            charge.OverdueDays, fine?.Amount ?? charge.Amount, suspendedUntil, routing.Hold?.Id, routing.Hold?.PatronId,
            routing.PickupDeadline, received, routing.NewTransit?.Id);
        return new CheckinResult(outcome, fine is not null && fine != c.AccruingFine ? fine : null, routing.NewTransit);
    }

    /// <summary>Receiving a transit here: a hold transit puts the item on the hold shelf, anything else routes it.</summary>
    public static Routing Arrive(CheckinContext c, Transit transit, DateTime utcNow) =>
        HoldArrivingHere(c, transit) is { } hold
            ? ItemRouting.Trap(c.Item, hold, c.Here, c.ItemPolicy, c.HereCalendar, utcNow)
            : Route(c, utcNow);

    /// <summary>The hold a transit brings the item here for (its pickup library is here), or null.</summary>
    private static Hold? HoldArrivingHere(CheckinContext c, Transit transit) =>
        transit.HoldId is { } holdId
        && c.Queue.FirstOrDefault(h => h.Id == holdId && h.Status == HoldStatus.InTransit) is { } hold
        && hold.PickupLibraryId == c.Here
            ? hold
            : null;

    /// <summary>
    /// Routes a free item; where holds are not captured, an item the first eligible hold wants goes on the shelf
    /// here (so nothing is promised to the hold's patron yet) and is reported <see cref="ItemDestination.CheckInAgain"/>
    /// with that hold.
    /// </summary>
    private static Routing Route(CheckinContext c, DateTime utcNow)
    {
        if (!c.CaptureHolds
            && c.Item.Status is not (ItemStatus.Withdrawn or ItemStatus.Damaged)
            && HoldQueue.NextFor(c.Item, c.Queue, LibraryTime.Today(utcNow)) is { } hold)
        {
            c.Item.PutOnShelf(c.Here, utcNow);
            return new Routing(ItemDestination.CheckInAgain, hold.PickupLibraryId, hold);
        }

        return ItemRouting.Route(c.Item, c.Here, c.Queue, c.ItemPolicy, c.HereCalendar, utcNow);
    }

    private static (OverdueCharge Charge, Fine? Fine, DateOnly? SuspendedUntil) CloseLoan(CheckinContext c, DateTime utcNow)
    {
        if (c.Loan is not { IsOpen: true } loan)
        {
            return (OverdueCharge.None, null, null);
        }

        loan.Return(utcNow, c.Here);
        if (c.LoanPolicy is not { } policy || c.LoanCalendar is not { } calendar)
        {
            throw new Common.DomainException("A loan checkin needs the loan's policy and calendar.");
        }

        var charge = FineCalculator.Overdue(policy, calendar, loan.DueAt, utcNow, c.Item.Price);
        Fine? fine = null;
        if (c.AccruingFine is { } accruing)
        {
            accruing.StopAccruing(charge.Amount, utcNow);
            fine = accruing;
        }
        else if (charge.Amount > 0 && loan.PatronId is { } patronId)
        {
            fine = new Fine(patronId, FineKind.Overdue, charge.Amount,
                $"Retard de {charge.ChargeableDays} jour(s) — exemplaire {c.Item.Barcode}", loan.Id, c.Item.Id);
        }

        var suspendedUntil = FineCalculator.SuspendedUntil(charge, LibraryTime.Today(utcNow));
        if (suspendedUntil is { } until && c.Borrower is { } borrower)
        {
            borrower.SuspendUntil(until);
        }

        return (charge, fine, suspendedUntil);
    }
}
