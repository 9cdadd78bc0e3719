using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Sip2.Tests.Support;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Sip2.Tests.Engine;

/// <summary>The real worker over a real TCP socket, on the circulation engine and PostgreSQL.</summary>
public sealed class EngineSip2Tests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_DatabaseTerminal_GoodPasswordAccepted_BadPasswordAndUnknownLoginRefused()
    {
        await using var host = await EngineHost.StartAsync(database);
        await using var client = await Sip2TestClient.ConnectAsync(host.EndPoint);

        var bad = await client.RequestAsync(Messages.Login(host.TerminalLogin, "wrong-password"));
        var unknown = await client.RequestAsync(Messages.Login("nobody-" + host.TerminalLogin, EngineHost.TerminalPassword));
        var good = await client.RequestAsync(Messages.Login(host.TerminalLogin, EngineHost.TerminalPassword));
        var status = await client.RequestAsync(Messages.ScStatus);

        Assert.Equal("940", bad);
        Assert.Equal("940", unknown);
        Assert.Equal("941", good);
        Assert.StartsWith("98Y", status);
        Assert.Contains("|AMMédiathèque de test|", status);
    }

    [Fact]
    public async Task ChangedPassword_AppliesAtNextLogin_WithoutRestart()
    {
        await using var host = await EngineHost.StartAsync(database);
        await using (var first = await host.LoggedInAsync())
        {
            Assert.StartsWith("98", await first.RequestAsync(Messages.ScStatus));
        }

        var terminal = (await host.Terminals.FindAsync(host.TerminalLogin, Ct))!;
        await host.Terminals.ChangePasswordAsync(EngineHost.Librarian, terminal.Id, "Nouveau-Secret-2", Ct);
        await using var client = await Sip2TestClient.ConnectAsync(host.EndPoint);

        Assert.Equal("940", await client.RequestAsync(Messages.Login(host.TerminalLogin, EngineHost.TerminalPassword)));
        Assert.Equal("941", await client.RequestAsync(Messages.Login(host.TerminalLogin, "Nouveau-Secret-2")));
        await using var db = database.CreateContext();
        var stored = await db.Sip2Terminals.SingleAsync(t => t.Id == terminal.Id, Ct);
        Assert.DoesNotContain("Nouveau-Secret-2", stored.PasswordHash, StringComparison.Ordinal);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == terminal.Id && a.Action == "password_reset", Ct));
    }

    [Fact]
    public async Task DisabledTerminal_CannotLogIn()
    {
        await using var host = await EngineHost.StartAsync(database);
        var terminal = (await host.Terminals.FindAsync(host.TerminalLogin, Ct))!;
        await host.Terminals.SetEnabledAsync(EngineHost.Librarian, terminal.Id, false, Ct);
        await using var client = await Sip2TestClient.ConnectAsync(host.EndPoint);

        Assert.Equal("940", await client.RequestAsync(Messages.Login(host.TerminalLogin, EngineHost.TerminalPassword)));
    }

    [Fact]
    public async Task PatronStatus_WithAndWithoutPassword_ChecksOpacPassword()
    {
        await using var host = await EngineHost.StartAsync(database);
        var withPassword = await host.PatronAsync(opacPassword: "Lecture-2026");
        var withoutPassword = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();
        var card = withPassword.CardNumber.Value;

        var noAd = await client.RequestAsync(Messages.PatronStatus(card));
        var goodAd = await client.RequestAsync(Messages.PatronStatus(card, "Lecture-2026"));
        var badAd = await client.RequestAsync(Messages.PatronStatus(card, "nope"));
        var noOpacPassword = await client.RequestAsync(Messages.PatronStatus(withoutPassword.CardNumber.Value, "Lecture-2026"));
        var unknown = await client.RequestAsync(Messages.PatronStatus("NOSUCHCARD" + card));

        Assert.StartsWith("24" + new string(' ', 14), noAd);
        Assert.Contains("|AEJules Verne|BLY|", noAd);
        Assert.DoesNotContain("|CQ", noAd);
        Assert.Contains("|CQY|", goodAd);
        Assert.Contains("|CQN|", badAd);
        Assert.Contains("|CQN|", noOpacPassword);
        Assert.Contains("|BLN|", unknown);
        Assert.Contains("|AFLecteur inconnu.|", unknown);
    }

    [Fact]
    public async Task Checkout_CreatesLoanWithTerminalAuditAndOutboxEvent()
    {
        await using var host = await EngineHost.StartAsync(database);
        var item = await host.ItemAsync();
        var patron = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();

        var answer = await client.RequestAsync(Messages.Checkout(patron.CardNumber.Value, item.Barcode.Value));

        Assert.StartsWith("121", answer);
        Assert.Contains("|AJVingt mille lieues sous les mers|", answer);
        Assert.Contains("|AH", answer);
        await using var db = database.CreateContext();
        var loan = await db.Loans.SingleAsync(l => l.ItemId == item.Id && l.ReturnedAt == null, Ct);
        Assert.Equal(patron.Id, loan.PatronId);
        var audit = await db.AuditEntries.SingleAsync(a => a.ObjectId == loan.Id && a.Action == "checkout", Ct);
        Assert.Equal(host.TerminalLogin, audit.Actor);
        Assert.Equal("terminal", audit.ActorKind);
        Assert.Equal(1, await db.Database.SqlQuery<int>(
            $"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE type = 'loan.created' AND payload::text LIKE {"%" + loan.Id + "%"}").SingleAsync(Ct));
    }

    [Fact]
    public async Task Worker_RegistersNoEventSubscriber_ButKeepsItsDispatcherForSettings()
    {
        await using var host = await EngineHost.StartAsync(database);

        // The worker has no screens and no OPAC cache: its dispatcher reads no event (it listens for settings only).
        Assert.Empty(host.Host.Services.GetServices<Infrastructure.Outbox.IEventSubscriber>());
        Assert.NotNull(host.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<Infrastructure.Outbox.OutboxDispatcher>().SingleOrDefault());
    }

    [Fact]
    public async Task PatronInformation_CountsAndChargedList_ComeFromTheEngine()
    {
        await using var host = await EngineHost.StartAsync(database);
        var first = await host.ItemAsync();
        var second = await host.ItemAsync();
        var patron = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout(patron.CardNumber.Value, first.Barcode.Value)));
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout(patron.CardNumber.Value, second.Barcode.Value)));

        var summary = await client.RequestAsync(Messages.PatronInformation(patron.CardNumber.Value));
        var charged = await client.RequestAsync(Messages.PatronInformation(patron.CardNumber.Value, "  Y       "));

        // Counts: holds 0, overdue 0, charged 2, fines 0, recall 0, unavailable holds 0 (fixed fields after the date).
        Assert.Equal("000000000002000000000000", summary![37..61]);
        Assert.DoesNotContain("|AU", summary);
        Assert.Contains($"|AU{first.Barcode.Value}|", charged);
        Assert.Contains($"|AU{second.Barcode.Value}|", charged);
    }

    [Fact]
    public async Task CheckinWithHold_Alert01ThenCheckoutByOtherPatron_RefusedInFrench()
    {
        await using var host = await EngineHost.StartAsync(database);
        var item = await host.ItemAsync();
        var borrower = await host.PatronAsync();
        var waiting = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout(borrower.CardNumber.Value, item.Barcode.Value)));
        var hold = await host.Holds.PlaceAsync(EngineHost.Librarian, waiting.Id, host.Record.Id, host.Library.Id, ct: Ct);
        Assert.True(hold.Succeeded);

        var checkin = await client.RequestAsync(Messages.Checkin(item.Barcode.Value));
        var checkout = await client.RequestAsync(Messages.Checkout(borrower.CardNumber.Value, item.Barcode.Value));

        Assert.StartsWith("101", checkin);
        Assert.Contains("|CV01|", checkin);
        Assert.Contains($"|CY{waiting.CardNumber.Value}|", checkin);
        Assert.Contains("|DAJules Verne|", checkin);
        Assert.StartsWith("120", checkout);
        Assert.Contains("|AFCet exemplaire est réservé pour un autre lecteur.|", checkout);
        await using var db = database.CreateContext();
        Assert.Equal(HoldStatus.Waiting, (await db.Holds.SingleAsync(h => h.Id == hold.Value!.HoldId, Ct)).Status);
        Assert.Equal(ItemStatus.OnHoldShelf, (await db.Items.SingleAsync(i => i.Id == item.Id, Ct)).Status);
        Assert.False(await db.Loans.AnyAsync(l => l.ItemId == item.Id && l.ReturnedAt == null, Ct));
    }

    [Fact]
    public async Task Checkin_WithoutLoan_ReturnsToShelf_AndItemInformationReportsAvailable()
    {
        await using var host = await EngineHost.StartAsync(database);
        var item = await host.ItemAsync();
        var patron = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();

        var lent = await client.RequestAsync(Messages.ItemInformation(item.Barcode.Value));
        await client.RequestAsync(Messages.Checkout(patron.CardNumber.Value, item.Barcode.Value));
        var onLoan = await client.RequestAsync(Messages.ItemInformation(item.Barcode.Value));
        var checkin = await client.RequestAsync(Messages.Checkin(item.Barcode.Value));

        Assert.StartsWith("1803", lent);
        Assert.StartsWith("1804", onLoan);
        Assert.StartsWith("101", checkin);
        Assert.DoesNotContain("|CV", checkin);
        Assert.Contains($"|AA{patron.CardNumber.Value}|", checkin);
        // What the answer says of the item comes with the engine's checkin: title and permanent location.
        Assert.Contains("|AJVingt mille lieues sous les mers|", checkin);
        Assert.Contains($"|AQ{host.Library.Code.Value}|", checkin);
    }

    [Fact]
    public async Task Renew_ExtendsTheLoanThroughTheEngine()
    {
        await using var host = await EngineHost.StartAsync(database);
        var item = await host.ItemAsync();
        var patron = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout(patron.CardNumber.Value, item.Barcode.Value)));

        var renew = await client.RequestAsync(Messages.Renew(patron.CardNumber.Value, item.Barcode.Value));
        var other = await host.PatronAsync();
        var renewByOther = await client.RequestAsync(Messages.Renew(other.CardNumber.Value, item.Barcode.Value));

        Assert.StartsWith("301Y", renew);
        Assert.StartsWith("300", renewByOther);
        await using var db = database.CreateContext();
        var loan = await db.Loans.SingleAsync(l => l.ItemId == item.Id && l.ReturnedAt == null, Ct);
        Assert.Equal(1, loan.RenewalCount);
        Assert.Equal(host.TerminalLogin, (await db.AuditEntries.SingleAsync(a => a.ObjectId == loan.Id && a.Action == "renewal", Ct)).Actor);
    }

    [Fact]
    public async Task FeePaid_PaysTheFineAndRecomputesBalance()
    {
        await using var host = await EngineHost.StartAsync(database);
        var patron = await host.PatronAsync();
        var fine = await host.Fines.ChargeAsync(EngineHost.Librarian, patron.Id, 5m, "Document abîmé", Ct);
        await using var client = await host.LoggedInAsync();

        var tooMuch = await client.RequestAsync(Messages.FeePaid(patron.CardNumber.Value, "9.00"));
        var paid = await client.RequestAsync(Messages.FeePaid(patron.CardNumber.Value, "5.00"));

        Assert.StartsWith("38N", tooMuch);
        Assert.StartsWith("38Y", paid);
        Assert.Contains("|BKTX42|", paid);
        await using var db = database.CreateContext();
        Assert.Equal(FineStatus.Paid, (await db.Fines.SingleAsync(f => f.Id == fine.Value!.FineId, Ct)).Status);
        Assert.Equal(0m, (await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).Balance);
        Assert.Equal(host.TerminalLogin, (await db.AuditEntries.SingleAsync(a => a.ObjectId == fine.Value!.FineId && a.Action == "fine_paid", Ct)).Actor);
    }

    [Fact]
    public async Task GarbledMessageMidSession_Answered96_AndSessionContinues()
    {
        await using var host = await EngineHost.StartAsync(database);
        var item = await host.ItemAsync();
        var patron = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();

        var garbled = await client.RequestAsync("11Y\u0001\u0002broken|||");
        var checkout = await client.RequestAsync(Messages.Checkout(patron.CardNumber.Value, item.Barcode.Value));

        Assert.Equal("96", garbled);
        Assert.StartsWith("121", checkout);
    }

    [Fact]
    public async Task NoBlockCheckout_RefusedByEngine_IsLoggedAndAudited()
    {
        await using var host = await EngineHost.StartAsync(database);
        var item = await host.ItemAsync();
        var first = await host.PatronAsync();
        var second = await host.PatronAsync();
        await using var client = await host.LoggedInAsync();
        Assert.StartsWith("121", await client.RequestAsync(Messages.Checkout(first.CardNumber.Value, item.Barcode.Value, noBlock: 'Y')));

        var refused = await client.RequestAsync(Messages.Checkout(second.CardNumber.Value, item.Barcode.Value, noBlock: 'Y'));

        Assert.StartsWith("120", refused);
        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.ObjectId == item.Id && a.Action == "checkout").ToListAsync(Ct);
        var entry = Assert.Single(audit);
        Assert.Equal(host.TerminalLogin, entry.Actor);
        Assert.Contains("hors ligne refusée", entry.Message, StringComparison.Ordinal);
        Assert.Contains("item.not_available", entry.Message, StringComparison.Ordinal);
    }
}
