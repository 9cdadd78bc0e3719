using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Web.Resources;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Desk;

/// <summary>How urgent an instruction is, for its colour on the desk.</summary>
public enum InstructionKind
{
    /// <summary>Where the item goes now.</summary>
    Route,

    /// <summary>Something about the borrower (fine, suspension, late return).</summary>
    Notice,
}

public sealed record Instruction(InstructionKind Kind, string Text);

/// <summary>
/// Turns a checkin outcome into what the desk tells the librarian to do, in the library's words: where the item goes
/// first, then what happened to the borrower. Every destination of the engine has its sentence (CS8509 keeps it so).
/// </summary>
public static class CheckinInstructions
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Whether the item in hand needs a printed slip: it goes to the hold shelf or into the shuttle.</summary>
    public static bool NeedsSlip(ItemDestination destination) => destination switch
    {
        ItemDestination.HoldShelf or ItemDestination.TransitToPickup or ItemDestination.TransitHome or ItemDestination.StillInTransit => true,
        ItemDestination.Shelf or ItemDestination.SetAside or ItemDestination.CheckInAgain => false,
    };

    public static IReadOnlyList<Instruction> For(CheckinLine line, IStringLocalizer<DeskResources> l)
    {
        if (line.Outcome is not { } o)
        {
            return [];
        }

        var destination = line.DestinationName ?? "?";
        var route = o.Destination switch
        {
            ItemDestination.Shelf => l["Checkin.Shelf"].Value,
            ItemDestination.HoldShelf => l["Checkin.HoldShelf", line.HoldPatronName ?? "?"].Value
                + (o.PickupDeadline is { } deadline ? " " + l["Checkin.PickupUntil", deadline.ToString("dd/MM/yyyy", French)].Value : ""),
            ItemDestination.TransitToPickup => l["Checkin.TransitToPickup", destination, line.HoldPatronName ?? "?"].Value,
            ItemDestination.TransitHome => l["Checkin.TransitHome", destination].Value,
            ItemDestination.StillInTransit => l["Checkin.StillInTransit", destination].Value,
            ItemDestination.SetAside => l["Checkin.SetAside"].Value,
            ItemDestination.CheckInAgain => l["Checkin.CheckInAgain", line.HoldPatronName ?? "?"].Value,
        };
        var result = new List<Instruction> { new(InstructionKind.Route, route) };
        if (!o.WasOnLoan)
        {
            result.Add(new(InstructionKind.Notice, l["Checkin.WasNotOnLoan"].Value));
        }

        if (o.OverdueDays > 0)
        {
            result.Add(new(InstructionKind.Notice, l["Checkin.Overdue", o.OverdueDays.ToString(French)].Value));
        }

        if (o.FineAmount > 0)
        {
            result.Add(new(InstructionKind.Notice, l["Checkin.Fine", o.FineAmount.ToString("C", French)].Value));
        }

        if (o.SuspendedUntil is { } until)
        {
            result.Add(new(InstructionKind.Notice, l["Checkin.Suspended", until.ToString("dd/MM/yyyy", French)].Value));
        }

        return result;
    }
}
