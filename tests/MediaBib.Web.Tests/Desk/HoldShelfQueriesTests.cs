using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The hold shelf, transits and slips, with holds trapped and transits started by the engine.</summary>
public sealed class HoldShelfQueriesTests(WebAppFixture app)
{
    private HoldShelfQueries Shelf => app.Services.GetRequiredService<HoldShelfQueries>();

    private CirculationDesk Desk => app.Services.GetRequiredService<CirculationDesk>();

    private HoldService Holds => app.Services.GetRequiredService<HoldService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shelf_HoldTrappedAtCheckin_IsWaitingForThePatronWithAHoldSlip()
    {
        // Arrange: Jean holds the title for pickup here; the item on the shelf is checked in and trapped.
        var data = await DeskTestData.CreateAsync(app.Database, items: 1);
        var jean = await data.AddPatronAsync("Jean", "Valjean");
        Assert.True((await Holds.PlaceAsync(data.Actor, jean.Id, data.Record.Id, data.Library.Id, ct: Ct)).Succeeded);
        var checkin = await Desk.CheckInAsync(data.Actor, data.Library.Id, data.Items[0].Barcode.Value, Ct);
        Assert.Equal(ItemDestination.HoldShelf, checkin.Value?.Destination);

        // Act
        var shelf = await Shelf.ShelfAsync(data.Library.Id, Ct);
        var slip = await Shelf.SlipAsync(data.Items[0].Id, Ct);

        // Assert
        var line = Assert.Single(shelf);
        Assert.Equal(("VALJEAN Jean", HoldStatus.Waiting, data.Items[0].Barcode.Value), (line.PatronName, line.Status, line.Barcode));
        Assert.Equal(checkin.Value!.PickupDeadline, line.PickupDeadline);
        Assert.NotNull(slip);
        Assert.True(slip.IsHoldSlip);
        Assert.Equal(("VALJEAN Jean", jean.CardNumber.Value, data.Library.Name), (slip.PatronName, slip.CardNumber, slip.PickupLibrary));
    }

    [Fact]
    public async Task Transits_ItemReturnedAwayFromHome_IsOutgoingHereAndIncomingAtHomeWithATransitSlip()
    {
        // Arrange: an item of another library is checked in here.
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var home = new Library(LibraryCode.From(Unique.Code("HOME")), "Bibliothèque du Port " + Unique.Code());
        var item = new Item(data.Record.Id, home.Id, data.ItemType.Id, Barcode.From(Unique.Barcode()));
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(home, item);
            await db.SaveChangesAsync(Ct);
        }

        var checkin = await Desk.CheckInAsync(data.Actor, data.Library.Id, item.Barcode.Value, Ct);
        Assert.Equal(ItemDestination.TransitHome, checkin.Value?.Destination);

        // Act
        var here = await Shelf.TransitsAsync(data.Library.Id, Ct);
        var there = await Shelf.TransitsAsync(home.Id, Ct);
        var slip = await Shelf.SlipAsync(item.Id, Ct);

        // Assert
        Assert.Empty(here.Incoming);
        var outgoing = Assert.Single(here.Outgoing);
        Assert.Equal((item.Barcode.Value, data.Library.Name, home.Name, TransitReason.ReturnHome), (outgoing.Barcode, outgoing.From, outgoing.To, outgoing.Reason));
        Assert.Equal(outgoing.TransitId, Assert.Single(there.Incoming).TransitId);
        Assert.NotNull(slip);
        Assert.False(slip.IsHoldSlip);
        Assert.Equal(home.Name, slip.To);
    }

    [Theory]
    [InlineData(-1, PickupState.Expired)]
    [InlineData(0, PickupState.LastDay)]
    [InlineData(1, PickupState.Open)]
    public void State_DeadlineAroundToday_IsHighlightedOnlyOnTheLastDayAndAfter(int days, PickupState expected)
    {
        var today = new DateOnly(2026, 11, 30);

        Assert.Equal(expected, HoldShelfQueries.State(today.AddDays(days), today));
    }

    [Fact]
    public async Task Queue_TwoHoldsReordered_ListsThemInTheNewOrder()
    {
        var data = await DeskTestData.CreateAsync(app.Database, items: 1);
        var jean = await data.AddPatronAsync("Jean", "Valjean");
        var first = await Holds.PlaceAsync(data.Actor, data.Patron.Id, data.Record.Id, data.Library.Id, ct: Ct);
        var second = await Holds.PlaceAsync(data.Actor, jean.Id, data.Record.Id, data.Library.Id, ct: Ct);
        Assert.True((await Holds.ReorderAsync(data.Actor, second.Value!.HoldId, 1, Ct)).Succeeded);

        var queue = await Shelf.QueueAsync(data.Record.Id, Ct);

        Assert.NotNull(queue);
        Assert.Equal([(second.Value.HoldId, 1), (first.Value!.HoldId, 2)], queue.Holds.Select(h => (h.HoldId, h.Position ?? 0)));
        Assert.Equal("VALJEAN Jean", queue.Holds[0].PatronName);
    }
}
