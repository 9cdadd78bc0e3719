using System.Collections.Concurrent;
using MediaBib.Domain.Rfid;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Rfid;
using MediaBib.Web.Desk;
using MediaBib.Web.Rfid;
using MediaBib.Web.Tests.Desk;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaBib.Web.Tests.Rfid;

/// <summary>The pad hub in the real app, with the real SignalR client as the pad, over a real database.</summary>
public sealed class RfidPadHubTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RfidPadRegistry Registry => app.Services.GetRequiredService<RfidPadRegistry>();

    [Fact]
    public async Task Connect_UnknownOrRevokedKey_IsRefused()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var pad = await RfidPadTestPad.CreateAsync(app, data.Library.Id);
        await app.Services.GetRequiredService<RfidPadAdmin>().RevokeAsync(RfidPadTestPad.Administrator, pad.Id, Ct);

        // Act
        var unknown = await Assert.ThrowsAsync<HttpRequestException>(() => RfidPadTestPad.ConnectAsync(app, "mbr_" + Guid.NewGuid().ToString("N")));
        var revoked = await Assert.ThrowsAsync<HttpRequestException>(() => RfidPadTestPad.ConnectAsync(app, pad.Key));

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.False(Registry.IsConnected(pad.Id));
        await using var db = app.Database.CreateContext();
        var actions = await db.AuditEntries.Where(a => a.ObjectId == pad.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("rfid_pad_key_created", actions);
        Assert.Contains("rfid_pad_key_revoked", actions);
    }

    [Fact]
    public async Task Drop_AfterRevocation_ClosesTheOpenConnectionAndForgetsItsTags()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var pad = await RfidPadTestPad.CreateAsync(app, data.Library.Id);
        await using var client = await RfidPadTestPad.ConnectAsync(app, pad.Key);
        await client.PlaceAsync("B-REVOQUE", ct: Ct);
        Assert.True(Registry.IsConnected(pad.Id));

        // Act: what the admin page does on « Révoquer ».
        await app.Services.GetRequiredService<RfidPadAdmin>().RevokeAsync(RfidPadTestPad.Administrator, pad.Id, Ct);
        Registry.Drop(pad.Id);

        // Assert
        await RfidPadTestPad.EventuallyAsync(() => !Registry.IsConnected(pad.Id), "the revoked pad is disconnected");
        Assert.Empty(Registry.TagsOn(pad.Id));
    }

    [Fact]
    public async Task PlaceAndRemove_TagsStreamToTheServerRegistryOfThatPad()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var pad = await RfidPadTestPad.CreateAsync(app, data.Library.Id);
        await using var client = await RfidPadTestPad.ConnectAsync(app, pad.Key);

        // Act
        var first = await client.PlaceAsync("B-COFFRET", 1, 3, "FR-751131015", ct: Ct);
        await client.PlaceAsync("B-COFFRET", 3, 3, "FR-751131015", ct: Ct);
        await client.PlaceAsync("B-LIVRE", ct: Ct);
        await RfidPadTestPad.EventuallyAsync(() => Registry.TagsOn(pad.Id).Count == 3, "the three tags are on the pad");
        await client.RemoveAsync("B-LIVRE", ct: Ct);
        await RfidPadTestPad.EventuallyAsync(() => Registry.TagsOn(pad.Id).Count == 2, "the book left the pad");

        // Assert
        Assert.True(Registry.IsConnected(pad.Id));
        var tags = Registry.TagsOn(pad.Id);
        Assert.Equal(first, tags[0]);
        var incomplete = Assert.Single(RfidSets.Incomplete(tags));
        Assert.Equal([2], incomplete.Missing);
    }

    [Fact]
    public async Task CheckOutAll_SecurityOffOnlyAfterTheLoanCommitted_NeverForARefusal_OnAgainAtCheckin()
    {
        // Arrange: item 0 is already lent to someone else (refused), item 1 is free.
        var data = await DeskTestData.CreateAsync(app.Database, items: 2);
        var other = await data.AddPatronAsync("Jean", "Valjean");
        var desk = app.Services.GetRequiredService<CirculationDesk>();
        Assert.True((await desk.CheckOutAsync(data.Actor, data.Library.Id, other.Id.ToString(), data.Items[0].Barcode.Value, ct: Ct)).Succeeded);
        var pad = await RfidPadTestPad.CreateAsync(app, data.Library.Id);
        await using var client = await RfidPadTestPad.ConnectAsync(app, pad.Key);
        var received = new ConcurrentQueue<(RfidTag Tag, bool On, bool LoanOpen)>();
        client.SecurityChanged += (tag, on) => received.Enqueue((tag, on, LoanIsOpen(data.Items.Single(i => i.Barcode.Value == tag.ItemBarcode).Id)));
        await using var session = new CheckoutSession(desk, app.Services.GetRequiredService<DeskQueries>(), NullLogger<CheckoutSession>.Instance);
        session.UseActor(data.Actor);
        session.SelectPatron(await app.Services.GetRequiredService<DeskQueries>().PatronAsync(data.Patron.Id, Ct));

        // Act: the refused item alone, then the free one (a set of 2 tags). SignalR keeps a connection's order, so
        // once the free item's commands arrive, any command for the refused one would have arrived before.
        var lent = await client.PlaceAsync(data.Items[0].Barcode.Value, ct: Ct);
        await RfidPadTestPad.EventuallyAsync(() => Registry.TagsOn(pad.Id).Count == 1, "the first tag is on the pad");
        Assert.Single(Registry.CheckOutAll(pad.Id, session));
        await session.WhenIdleAsync();
        await client.RemoveAsync(data.Items[0].Barcode.Value, ct: Ct);
        var free = data.Items[1].Barcode.Value;
        var part1 = await client.PlaceAsync(free, 1, 2, ct: Ct);
        var part2 = await client.PlaceAsync(free, 2, 2, ct: Ct);
        await RfidPadTestPad.EventuallyAsync(() => Registry.TagsOn(pad.Id).Count == 2, "the set is on the pad");
        Assert.Single(Registry.CheckOutAll(pad.Id, session));
        await session.WhenIdleAsync();
        await RfidPadTestPad.EventuallyAsync(() => received.Count == 2, "the pad received both security commands");

        // Assert
        Assert.Equal("Refused", session.Lines.Single(l => l.Barcode == lent.ItemBarcode).Status.ToString());
        Assert.Equal("Done", session.Lines.Single(l => l.Barcode == free).Status.ToString());
        Assert.Equal(new[] { part1.Uid, part2.Uid }.Order(StringComparer.Ordinal), received.Select(r => r.Tag.Uid).Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.False(r.On));
        Assert.All(received, r => Assert.True(r.LoanOpen, "the loan was committed when the command arrived"));
        Assert.All(Registry.TagsOn(pad.Id), t => Assert.False(t.SecurityOn));

        // Act: checkin of the set through the checkin queue.
        await using var checkin = new CheckinSession(desk, app.Services.GetRequiredService<DeskQueries>(), NullLogger<CheckinSession>.Instance);
        checkin.UseActor(data.Actor);
        Assert.Single(Registry.CheckInAll(pad.Id, checkin));
        await checkin.WhenIdleAsync();
        await RfidPadTestPad.EventuallyAsync(() => received.Count == 4, "the pad received the security-on commands");

        // Assert
        Assert.All(received.Skip(2), r => Assert.True(r.On));
        Assert.All(client.Tags, t => Assert.True(t.SecurityOn));
    }

    [Fact]
    public async Task Simulator_PlaceListQuit_ReportsTheTagThenDisconnectsAndThePadIsForgotten()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var pad = await RfidPadTestPad.CreateAsync(app, data.Library.Id);
        var input = new LineFeed();
        var output = new StringWriter();
        var error = new StringWriter();

        // Act
        var run = PadSimulatorCommand.RunAsync(["rfid-pad", "--url", app.Factory.Server.BaseAddress.ToString(), "--key", pad.Key],
            input, output, error, RfidPadTestPad.Transport(app), Ct);
        input.Send("place B-CD 2/3 FR-751131015");
        await RfidPadTestPad.EventuallyAsync(() => Registry.TagsOn(pad.Id).Count == 1, "the simulator placed its tag");
        var tag = Assert.Single(Registry.TagsOn(pad.Id));
        input.Send("list");
        input.Send("quit");
        var exit = await run;

        // Assert
        Assert.Equal(0, exit);
        await RfidPadTestPad.EventuallyAsync(() => !Registry.IsConnected(pad.Id), "the pad is disconnected");
        Assert.Empty(Registry.TagsOn(pad.Id));
        Assert.Equal(("B-CD", 2, 3, "FR-751131015", true), (tag.ItemBarcode, tag.SetPart, tag.SetSize, tag.OwnerIsil, tag.SecurityOn));
        var printed = output.ToString();
        Assert.Contains($"placed B-CD 2/3 FR-751131015 uid {tag.Uid} security on (AFI 0x07)", printed, StringComparison.Ordinal);
        Assert.Equal(2, printed.Split($"uid {tag.Uid}").Length - 1); // placed, then listed
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Simulator_WrongKey_ExitsWithOne()
    {
        var error = new StringWriter();

        var exit = await PadSimulatorCommand.RunAsync(["rfid-pad", "--url", app.Factory.Server.BaseAddress.ToString(), "--key", "mbr_wrong"],
            new StringReader(""), new StringWriter(), error, RfidPadTestPad.Transport(app), Ct);

        Assert.Equal(1, exit);
        Assert.Contains("connection refused", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Read on the client's receive thread, at the moment the command arrives.</summary>
    private bool LoanIsOpen(Guid itemId)
    {
        using var db = app.Database.CreateContext();
        return db.Loans.Any(l => l.ReturnedAt == null && l.ItemId == itemId);
    }
}
