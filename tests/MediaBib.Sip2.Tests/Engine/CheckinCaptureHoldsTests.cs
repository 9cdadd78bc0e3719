using MediaBib.Domain.Common;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Sip2.Engine;
using MediaBib.Sip2.Library;
using MediaBib.Sip2.Tests.Support;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Sip2.Tests.Engine;

/// <summary>
/// The terminal account's "checkin captures holds" switch, over real TCP on the engine: off (a return sorter out of
/// opening hours), a 09 closes the loan and reports the hold (CV 01/02) without trapping it; on, it traps it. A change
/// of the switch applies at the terminal's next login, without restarting the worker.
/// </summary>
public sealed class CheckinCaptureHoldsTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Checkin_TerminalNotCapturingHolds_ClosesLoanReportsHold01ButLeavesItPending()
    {
        await using var host = await EngineHost.StartAsync(database);
        await ConfigureCaptureAsync(host, captureHolds: false);
        var item = await host.ItemAsync();
        var borrower = await host.PatronAsync();
        var waiting = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout(borrower.CardNumber.Value, item.Barcode.Value)));
        var hold = (await host.Holds.PlaceAsync(EngineHost.Librarian, waiting.Id, host.Record.Id, host.Library.Id, ct: Ct)).Value!;

        var checkin = await client.RequestAsync(Messages.Checkin(item.Barcode.Value));

        Assert.StartsWith("101", checkin);
        Assert.Contains("|CV01|", checkin);
        Assert.Contains($"|CT{host.Library.Code.Value}|", checkin);
        Assert.Contains($"|CY{waiting.CardNumber.Value}|", checkin);
        Assert.Contains("|AFRetour enregistré. Document réservé : à mettre de côté et à enregistrer de nouveau à l'accueil.|", checkin);
        await using var db = database.CreateContext();
        Assert.False(await db.Loans.AnyAsync(l => l.ItemId == item.Id && l.ReturnedAt == null, Ct));
        var stored = await db.Holds.SingleAsync(h => h.Id == hold.HoldId, Ct);
        Assert.Equal(HoldStatus.Pending, stored.Status);
        Assert.Null(stored.ItemId);
        Assert.Equal(ItemStatus.Available, (await db.Items.SingleAsync(i => i.Id == item.Id, Ct)).Status);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ObjectId == hold.HoldId && a.Action == "hold_waiting", Ct));

        // Checked in again at the desk, the item is trapped for the hold.
        var desk = await host.Desk.CheckInAsync(EngineHost.Librarian, host.Library.Id, item.Barcode.Value, Ct);
        Assert.Equal(ItemDestination.HoldShelf, desk.Value!.Destination);
        Assert.Equal(hold.HoldId, desk.Value.HoldId);
    }

    [Fact]
    public async Task Checkin_TerminalNotCapturingHolds_HoldElsewhere_Reports02WithoutStartingATransit()
    {
        await using var host = await EngineHost.StartAsync(database);
        await ConfigureCaptureAsync(host, captureHolds: false);
        var annexe = new Domain.Sites.Library(LibraryCode.From(Unique.Code("A")), "Annexe de test");
        await using (var setup = database.CreateContext())
        {
            setup.Libraries.Add(annexe);
            await setup.SaveChangesAsync(Ct);
        }

        var item = await host.ItemAsync();
        var waiting = await host.PatronAsync();
        var hold = await host.Holds.PlaceAsync(EngineHost.Librarian, waiting.Id, host.Record.Id, annexe.Id, ct: Ct);
        Assert.True(hold.Succeeded);
        await using var client = await host.LoggedInAsync();

        var checkin = await client.RequestAsync(Messages.Checkin(item.Barcode.Value));

        Assert.StartsWith("101", checkin);
        Assert.Contains("|CV02|", checkin);
        Assert.Contains($"|CT{annexe.Code.Value}|", checkin);
        await using var db = database.CreateContext();
        Assert.False(await db.Transits.AnyAsync(t => t.ItemId == item.Id, Ct));
        Assert.Equal(HoldStatus.Pending, (await db.Holds.SingleAsync(h => h.Id == hold.Value!.HoldId, Ct)).Status);
    }

    [Fact]
    public async Task Checkin_CaptureSwitchedOnFromAdmin_AppliesAtNextLoginWithoutRestart()
    {
        await using var host = await EngineHost.StartAsync(database);
        await ConfigureCaptureAsync(host, captureHolds: false);
        var first = await host.ItemAsync();
        var second = await host.ItemAsync();
        var borrower = await host.PatronAsync();
        var waiting = await host.PatronAsync();
        await using var sorter = await host.LoggedInAsync();
        Assert.StartsWith("121", await sorter.RequestAsync(Messages.Checkout(borrower.CardNumber.Value, first.Barcode.Value)));
        Assert.StartsWith("121", await sorter.RequestAsync(Messages.Checkout(borrower.CardNumber.Value, second.Barcode.Value)));
        var hold = (await host.Holds.PlaceAsync(EngineHost.Librarian, waiting.Id, host.Record.Id, host.Library.Id, ct: Ct)).Value!;

        var notCaptured = await sorter.RequestAsync(Messages.Checkin(first.Barcode.Value));
        await ConfigureCaptureAsync(host, captureHolds: true);
        await using var nextLogin = await host.LoggedInAsync();
        var captured = await nextLogin.RequestAsync(Messages.Checkin(second.Barcode.Value));

        Assert.Contains("|CV01|", notCaptured);
        Assert.Contains("|CV01|", captured);
        Assert.Contains("|AFRetour enregistré. Document réservé : à mettre de côté.|", captured);
        await using var db = database.CreateContext();
        var stored = await db.Holds.SingleAsync(h => h.Id == hold.HoldId, Ct);
        Assert.Equal(HoldStatus.Waiting, stored.Status);
        Assert.Equal(second.Id, stored.ItemId);
        Assert.Equal(ItemStatus.Available, (await db.Items.SingleAsync(i => i.Id == first.Id, Ct)).Status);
        Assert.Equal(ItemStatus.OnHoldShelf, (await db.Items.SingleAsync(i => i.Id == second.Id, Ct)).Status);
    }

    [Fact]
    public async Task Checkin_SortBinRuleOnItemType_IsAppliedToTheTypeTheEngineReadWithTheItem()
    {
        await using var host = await EngineHost.StartAsync(database);
        var terminal = (await host.Terminals.FindAsync(host.TerminalLogin, Ct))!;
        await host.Terminals.ConfigureAsync(EngineHost.Librarian, terminal.Id, TerminalAccounts.Names(Sip2Operations.All), terminal.Charset,
            true, Sip2SortBinRule.ToJson([new("ItemType", "Equal", host.Type.Code, "B7"), new("Always", "Equal", "", "Z")]), Ct);
        var item = await host.ItemAsync();
        var patron = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout(patron.CardNumber.Value, item.Barcode.Value)));

        var checkin = await client.RequestAsync(Messages.Checkin(item.Barcode.Value));

        Assert.StartsWith("101", checkin);
        Assert.Contains("|CLB7|", checkin);
    }

    private static async Task ConfigureCaptureAsync(EngineHost host, bool captureHolds)
    {
        var terminal = (await host.Terminals.FindAsync(host.TerminalLogin, Ct))!;
        await host.Terminals.ConfigureAsync(EngineHost.Librarian, terminal.Id, TerminalAccounts.Names(Sip2Operations.All), terminal.Charset,
            captureHolds, terminal.SortBinRules, Ct);
    }
}
