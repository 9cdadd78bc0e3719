using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Web.Desk;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The circuit-scoped desk states against the real engine and PostgreSQL.</summary>
public sealed class DeskSessionTests(WebAppFixture app)
{
    private CirculationDesk Engine => app.Services.GetRequiredService<CirculationDesk>();

    private DeskQueries Queries => app.Services.GetRequiredService<DeskQueries>();

    [Fact]
    public async Task Scan_BurstWithDuplicateAndUnknown_LendsEachItemOnceAndExplainsTheRest()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(app.Database, items: 6);
        await using var session = new CheckoutSession(Engine, Queries, NullLogger<CheckoutSession>.Instance);
        session.UseActor(data.Actor);
        session.SelectPatron(await Queries.PatronAsync(data.Patron.Id, TestContext.Current.CancellationToken));
        var barcodes = data.Items.Select(i => i.Barcode.Value).ToList();
        var burst = barcodes.Concat([barcodes[0], "INCONNU" + data.Library.Code.Value]).ToList();

        // Act: everything sent before the first scan is processed, as a scanner does.
        foreach (var code in burst)
        {
            Assert.True(session.Scan(code));
        }

        await session.WhenIdleAsync();

        // Assert
        var lines = session.Lines.OrderBy(l => l.Seq).ToList();
        Assert.Equal(burst, lines.Select(l => l.Barcode));
        Assert.All(lines.Take(6), l => Assert.Equal(ScanStatus.Done, l.Status));
        Assert.All(lines.Take(6), l => Assert.NotNull(l.DueAt));
        Assert.Equal(data.Record.Title, lines[0].Item?.Title);
        Assert.Equal([RefusalReason.ItemNotAvailable], lines[6].RefusalList);
        Assert.Equal([RefusalReason.ItemUnknown], lines[7].RefusalList);
        Assert.Equal(6, session.LoansOf(data.Patron.Id).Count);
        await using var db = app.Database.CreateContext();
        var itemIds = data.Items.Select(i => i.Id).ToList();
        Assert.Equal(6, await db.Loans.CountAsync(l => itemIds.Contains(l.ItemId) && l.ReturnedAt == null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Force_RefusedOverridableScan_LendsWithTheReason()
    {
        // Arrange: an expired card is refused but may be overridden.
        var data = await DeskTestData.CreateAsync(app.Database, items: 1);
        var expired = await data.AddPatronAsync("Jean", "Valjean", new DateOnly(2020, 1, 1));
        await using var session = new CheckoutSession(Engine, Queries, NullLogger<CheckoutSession>.Instance);
        session.UseActor(data.Actor);
        session.SelectPatron(await Queries.PatronAsync(expired.Id, TestContext.Current.CancellationToken));
        session.Scan(data.Items[0].Barcode.Value);
        await session.WhenIdleAsync();
        var refused = Assert.Single(session.Lines);
        Assert.Equal(ScanStatus.Refused, refused.Status);

        // Act
        Assert.False(session.Force(refused.Seq, "  "));
        Assert.True(session.Force(refused.Seq, "Carte renouvelée au guichet demain"));
        await session.WhenIdleAsync();

        // Assert
        var line = Assert.Single(session.Lines);
        Assert.Equal(ScanStatus.Done, line.Status);
        Assert.True(line.Forced);
        await using var db = app.Database.CreateContext();
        var loan = await db.Loans.SingleAsync(l => l.ItemId == data.Items[0].Id, TestContext.Current.CancellationToken);
        Assert.Equal("Carte renouvelée au guichet demain", loan.OverrideReason);
    }

    [Fact]
    public async Task Scan_NoPatron_IsNotQueued()
    {
        var data = await DeskTestData.CreateAsync(app.Database, items: 1);
        await using var session = new CheckoutSession(Engine, Queries, NullLogger<CheckoutSession>.Instance);
        session.UseActor(data.Actor);

        Assert.False(session.Scan(data.Items[0].Barcode.Value));
        Assert.Empty(session.Lines);
    }

    [Fact]
    public async Task Scan_NoLibraryForTheStaff_ShowsAFailureAndKeepsGoing()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(app.Database, items: 1);
        await using var session = new CheckinSession(Engine, Queries, NullLogger<CheckinSession>.Instance);
        session.UseActor(data.Actor with { LibraryId = null });

        // Act
        session.Scan(data.Items[0].Barcode.Value);
        await session.WhenIdleAsync();
        session.UseActor(data.Actor);
        session.Scan(data.Items[0].Barcode.Value);
        await session.WhenIdleAsync();

        // Assert
        var lines = session.Lines.OrderBy(l => l.Seq).ToList();
        Assert.Equal(ScanStatus.Failed, lines[0].Status);
        Assert.Equal(ScanStatus.Done, lines[1].Status);
    }

    [Fact]
    public async Task Checkin_ItemHeldByAnotherPatron_NamesThePatronForTheHoldShelf()
    {
        // Arrange: lent to Élise Martin, held by Cosette Fauchelevent, both at this library.
        var data = await DeskTestData.CreateAsync(app.Database, items: 1);
        var holder = await data.AddPatronAsync("Cosette", "Fauchelevent");
        var barcode = data.Items[0].Barcode.Value;
        Assert.True((await Engine.CheckOutAsync(data.Actor, data.Library.Id, data.Patron.CardNumber.Value, barcode, ct: TestContext.Current.CancellationToken)).Succeeded);
        var hold = await app.Services.GetRequiredService<HoldService>()
            .PlaceAsync(data.Actor, holder.Id, data.Record.Id, data.Library.Id, ct: TestContext.Current.CancellationToken);
        Assert.True(hold.Succeeded);
        await using var session = new CheckinSession(Engine, Queries, NullLogger<CheckinSession>.Instance);
        session.UseActor(data.Actor);

        // Act
        session.Scan(barcode);
        await session.WhenIdleAsync();

        // Assert
        var line = Assert.Single(session.Lines);
        Assert.Equal(ScanStatus.Done, line.Status);
        Assert.Equal(ItemDestination.HoldShelf, line.Outcome?.Destination);
        Assert.Equal("FAUCHELEVENT Cosette", line.HoldPatronName);
        Assert.True(line.DestinationIsHere);
    }
}
