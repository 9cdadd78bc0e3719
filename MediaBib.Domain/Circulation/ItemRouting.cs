using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Sites;

namespace MediaBib.Domain.Circulation;

/// <summary>Where the desk must put an item it just handled.</summary>
public enum ItemDestination
{
    /// <summary>Back on the shelf here.</summary>
    Shelf,

    /// <summary>On the hold shelf here, for the hold's patron.</summary>
    HoldShelf,

    /// <summary>In the shuttle to the pickup library of a hold.</summary>
    TransitToPickup,

    /// <summary>In the shuttle back to its home library.</summary>
    TransitHome,

    /// <summary>Already travelling to another library: put it back in the shuttle.</summary>
    StillInTransit,

    /// <summary>The item's status does not let it circulate (withdrawn, damaged): set it aside.</summary>
    SetAside,

    /// <summary>
    /// A hold wants the item, but this checkin point does not capture holds (a return sorter out of opening hours):
    /// the loan is closed, the hold is left as it was and the item is set aside to be checked in again at the desk,
    /// which traps it. The destination library is the hold's pickup library.
    /// </summary>
    CheckInAgain,
}

/// <summary>The routing decision, with the hold it serves when there is one.</summary>
public sealed record Routing(ItemDestination Destination, Guid LibraryId, Hold? Hold = null, DateOnly? PickupDeadline = null, Transit? NewTransit = null);

/// <summary>
/// Decides the next place of an item that is free (just returned, received, found, or released by an expired or
/// cancelled hold): the first eligible hold of the queue gets it — on the hold shelf here when its pickup library is
/// here, else in transit to the pickup library; with no hold it goes home (or floats, per the return policy).
/// </summary>
public static class ItemRouting
{
    public static Routing Route(Item item, Guid here, IEnumerable<Hold> queue, CirculationPolicy itemPolicy, LibraryCalendar hereCalendar, DateTime utcNow)
    {
        if (item.Status is ItemStatus.Withdrawn or ItemStatus.Damaged)
        {
            return new Routing(ItemDestination.SetAside, here);
        }

        var today = LibraryTime.Today(utcNow);
        if (HoldQueue.NextFor(item, queue, today) is { } hold)
        {
            if (hold.PickupLibraryId == here)
            {
                return Trap(item, hold, here, itemPolicy, hereCalendar, utcNow);
            }

            hold.StartTransit(item.Id);
            item.SendTo(hold.PickupLibraryId, utcNow);
            var toPickup = new Transit(item.Id, here, hold.PickupLibraryId, TransitReason.Hold, utcNow, hold.Id);
            return new Routing(ItemDestination.TransitToPickup, hold.PickupLibraryId, hold, NewTransit: toPickup);
        }

        if (itemPolicy.ReturnPolicy == ReturnPolicy.Home && item.HomeLibraryId != here)
        {
            var home = item.HomeLibraryId;
            item.SendTo(home, utcNow);
            return new Routing(ItemDestination.TransitHome, home, NewTransit: new Transit(item.Id, here, home, TransitReason.ReturnHome, utcNow));
        }

        item.PutOnShelf(here, utcNow);
        return new Routing(ItemDestination.Shelf, here);
    }

    /// <summary>Puts the item on the hold shelf here for the hold; the pickup deadline comes from the pickup delay.</summary>
    public static Routing Trap(Item item, Hold hold, Guid here, CirculationPolicy itemPolicy, LibraryCalendar hereCalendar, DateTime utcNow)
    {
        var deadline = hereCalendar.NextOpenDay(LibraryTime.Today(utcNow).AddDays(itemPolicy.HoldPickupDelayDays));
        hold.MarkWaiting(item.Id, utcNow, deadline);
        item.PutOnHoldShelf(here, utcNow);
        return new Routing(ItemDestination.HoldShelf, here, hold, deadline);
    }
}
