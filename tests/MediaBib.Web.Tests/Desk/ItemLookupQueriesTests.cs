using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Web.Resources;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Tests.Desk;

/// <summary>Item lookup at the desk on the real schema, with loans and holds made by the engine.</summary>
public sealed class ItemLookupQueriesTests(WebAppFixture app)
{
    private ItemLookupQueries Items => app.Services.GetRequiredService<ItemLookupQueries>();

    private CirculationDesk Desk => app.Services.GetRequiredService<CirculationDesk>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Find_TitleWithoutAccentsOrBarcode_FindsTheItems()
    {
        var data = await DeskTestData.CreateAsync(app.Database, items: 2);
        var titleTerm = data.Record.Title.Replace("Misérables", "miserables", StringComparison.Ordinal).ToLowerInvariant();

        var byTitle = await Items.FindAsync(titleTerm, ct: Ct);
        var byBarcode = await Items.FindAsync(data.Items[1].Barcode.Value.ToLowerInvariant(), ct: Ct);

        Assert.Equal(data.Items.Select(i => i.Id).Order(), byTitle.Where(m => m.Title == data.Record.Title).Select(m => m.ItemId).Order());
        var match = Assert.Single(byBarcode);
        Assert.Equal((data.Items[1].Id, ItemStatus.Available, data.Library.Name), (match.ItemId, match.Status, match.Library));
    }

    [Fact]
    public async Task Item_LentReturnedLentAgainWithAHold_ShowsLoanQueueAndHistory()
    {
        // Arrange: Élise borrowed and returned the item; Jean borrows it now; Cosette holds the title.
        var data = await DeskTestData.CreateAsync(app.Database, items: 1);
        var barcode = data.Items[0].Barcode.Value;
        var jean = await data.AddPatronAsync("Jean", "Valjean");
        var cosette = await data.AddPatronAsync("Cosette", "Fauchelevent");
        Assert.True((await Desk.CheckOutAsync(data.Actor, data.Library.Id, data.Patron.Id.ToString(), barcode, ct: Ct)).Succeeded);
        Assert.True((await Desk.CheckInAsync(data.Actor, data.Library.Id, barcode, Ct)).Succeeded);
        Assert.True((await Desk.CheckOutAsync(data.Actor, data.Library.Id, jean.Id.ToString(), barcode, ct: Ct)).Succeeded);
        var hold = await app.Services.GetRequiredService<HoldService>().PlaceAsync(data.Actor, cosette.Id, data.Record.Id, data.Library.Id, ct: Ct);
        Assert.True(hold.Succeeded, string.Join(", ", hold.Refusals));

        // Act
        var file = await Items.ItemAsync(data.Items[0].Id, Ct);

        // Assert
        Assert.NotNull(file);
        Assert.Equal(ItemStatus.OnLoan, file.Status);
        Assert.Equal("VALJEAN Jean", file.Loan?.PatronName);
        Assert.Equal(jean.CardNumber.Value, file.Loan?.CardNumber);
        Assert.False(file.Loan?.IsOverdue);
        var queued = Assert.Single(file.Holds);
        Assert.Equal(("FAUCHELEVENT Cosette", 1, HoldStatus.Pending), (queued.PatronName, queued.Position, queued.Status));
        var past = Assert.Single(file.History);
        Assert.Equal("MARTIN Élise", past.PatronName);
        Assert.NotNull(past.ReturnedAt);
        Assert.Null(file.Transit);
    }

    [Fact]
    public void Resources_EveryItemAndHoldStatus_HasAFrenchText()
    {
        var texts = app.Services.GetRequiredService<IStringLocalizer<DeskResources>>();

        var missing = Enum.GetNames<ItemStatus>().Select(s => "ItemStatus." + s)
            .Concat(Enum.GetNames<HoldStatus>().Select(s => "HoldStatus." + s))
            .Where(key => texts[key].ResourceNotFound);

        Assert.Empty(missing);
    }
}
