using MediaBib.Domain.Circulation;
using MediaBib.Web.Desk;
using MediaBib.Web.Resources;
using MediaBib.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Tests.Desk;

/// <summary>Every checkin outcome becomes a French instruction naming the person or the place.</summary>
public sealed class CheckinInstructionsTests : BunitTestContext
{
    private IStringLocalizer<DeskResources> L => Services.GetRequiredService<IStringLocalizer<DeskResources>>();

    [Theory]
    [InlineData(ItemDestination.Shelf, "Ranger en rayon")]
    [InlineData(ItemDestination.HoldShelf, "Mettre sur l'étagère des réservations pour DUPONT Marie (retrait ici) – à retirer avant le 05/12/2026")]
    [InlineData(ItemDestination.TransitToPickup, "Envoyer à la bibliothèque Médiathèque Nord (réservation de DUPONT Marie)")]
    [InlineData(ItemDestination.TransitHome, "Retour à la bibliothèque d'origine : Médiathèque Nord")]
    [InlineData(ItemDestination.StillInTransit, "Remettre dans la navette pour la bibliothèque Médiathèque Nord")]
    [InlineData(ItemDestination.SetAside, "Mettre de côté : exemplaire hors circulation")]
    [InlineData(ItemDestination.CheckInAgain, "Réservé pour DUPONT Marie : mettre de côté et refaire le retour à l'accueil")]
    public void For_EachDestination_SaysWhereTheItemGoes(ItemDestination destination, string expected)
    {
        var line = Line(Outcome(destination, pickup: destination == ItemDestination.HoldShelf ? new DateOnly(2026, 12, 5) : null));

        var instructions = CheckinInstructions.For(line, L);

        Assert.Equal(new Instruction(InstructionKind.Route, expected), instructions[0]);
        Assert.Single(instructions);
    }

    [Fact]
    public void For_LateReturnWithFineAndSuspension_ListsThemAfterTheRoute()
    {
        var outcome = Outcome(ItemDestination.Shelf) with { OverdueDays = 4, FineAmount = 1.20m, SuspendedUntil = new DateOnly(2026, 12, 24) };

        var texts = CheckinInstructions.For(Line(outcome), L).Select(i => i.Text).ToList();

        Assert.Equal("Ranger en rayon", texts[0]);
        Assert.Equal("Rendu avec 4 jour(s) de retard", texts[1]);
        Assert.StartsWith("Amende : 1,20", texts[2], StringComparison.Ordinal);
        Assert.EndsWith("€", texts[2], StringComparison.Ordinal);
        Assert.Equal("Lecteur suspendu de prêt jusqu'au 24/12/2026", texts[3]);
    }

    [Fact]
    public void For_ItemThatWasNotOnLoan_SaysSo()
    {
        var outcome = Outcome(ItemDestination.Shelf) with { LoanId = null };

        var texts = CheckinInstructions.For(Line(outcome), L).Select(i => i.Text).ToList();

        Assert.Equal(["Ranger en rayon", "Cet exemplaire n'était pas en prêt."], texts);
    }

    private static CheckinLine Line(CheckinOutcome outcome) =>
        new(1, outcome.Barcode, ScanStatus.Done, Outcome: outcome, HoldPatronName: "DUPONT Marie", DestinationName: "Médiathèque Nord");

    private static CheckinOutcome Outcome(ItemDestination destination, DateOnly? pickup = null) => new(
        Guid.NewGuid(), "B123", destination, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 0, 0m, null,
        null, null, pickup, null, null);
}
