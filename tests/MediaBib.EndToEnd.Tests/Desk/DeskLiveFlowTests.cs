using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Desk;

/// <summary>
/// The desk as librarians use it: scans typed with Enter, refusals in French, and live updates from another desk and
/// from the SIP2 worker process, with screenshots of the screens attached to the results.
/// </summary>
public sealed class DeskLiveFlowTests(LiveAppFixture app)
{
    private const float Wait = 20_000;

    [Fact]
    public async Task Circulation_ScansThreeBarcodesOneAlreadyLent_TwoLentAndTheThirdRefusedInFrench()
    {
        // Arrange: three items; the third is already out with another patron.
        var ct = TestContext.Current.CancellationToken;
        var scenario = await DeskScenario.CreateAsync(app, "Les Contemplations", items: 3);
        var reader = await scenario.PatronAsync("Léopoldine", "Hugo");
        var other = await scenario.PatronAsync("Juliette", "Drouet");
        var barcodes = scenario.Items.Select(i => i.Barcode.Value).ToArray();
        Assert.True((await app.Services.GetRequiredService<CirculationDesk>()
            .CheckOutAsync(scenario.Actor, scenario.Library.Id, other.CardNumber.Value, barcodes[2], ct: ct)).Succeeded);
        var page = await app.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync(await scenario.LibrarianAsync(), LiveAppFixture.Password);

        // Act: the three barcodes typed one after the other, each ended by Enter, without waiting.
        await shell.OpenAsync("Prêt");
        var checkout = new CheckoutDeskPage(page);
        await checkout.SelectPatronAsync(reader.CardNumber.Value);
        await checkout.ScanAsync(barcodes);

        // Assert
        await Assertions.Expect(checkout.Line(barcodes[0])).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = Wait });
        await Assertions.Expect(checkout.Line(barcodes[1])).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = Wait });
        await Assertions.Expect(checkout.Line(barcodes[2])).ToHaveAttributeAsync("data-status", "Refused", new() { Timeout = Wait });
        await Assertions.Expect(checkout.Line(barcodes[2]).GetByRole(AriaRole.Alert))
            .ToHaveTextAsync("Cet exemplaire n'est pas disponible au prêt (déjà prêté ou hors circulation).", new() { Timeout = Wait });
        await Assertions.Expect(checkout.Line(barcodes[0])).ToContainTextAsync("Retour le", new() { Timeout = Wait });
        await Assertions.Expect(page.GetByTestId("checkout-line")).ToHaveCountAsync(3);
        await Assertions.Expect(checkout.ItemField).ToBeFocusedAsync(new() { Timeout = Wait });
        await Screenshots.TakeAsync(page, "desk-checkout-three-scans");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PatronFile_ReturnAtAnotherDesk_LoanDisappearsAndTheHistoryShowsItWithoutReload()
    {
        // Arrange: the patron has two loans; desk A has the file open, desk B (another librarian, another browser) the checkin.
        var ct = TestContext.Current.CancellationToken;
        var scenario = await DeskScenario.CreateAsync(app, "Les Châtiments", items: 2);
        var reader = await scenario.PatronAsync("Adèle", "Foucher");
        var desk = app.Services.GetRequiredService<CirculationDesk>();
        foreach (var item in scenario.Items)
        {
            Assert.True((await desk.CheckOutAsync(scenario.Actor, scenario.Library.Id, reader.CardNumber.Value, item.Barcode.Value, ct: ct)).Succeeded);
        }

        var deskA = await app.NewPageAsync();
        await new LoginPage(deskA).SignInAsync(await scenario.LibrarianAsync(), LiveAppFixture.Password);
        await deskA.GotoAsync($"/desk/patrons/{reader.Id}");
        var loans = deskA.GetByTestId("loan-line");
        await Assertions.Expect(loans).ToHaveCountAsync(2, new() { Timeout = Wait });
        var deskB = await app.NewPageAsync();
        var shellB = await new LoginPage(deskB).SignInAsync(await scenario.LibrarianAsync(), LiveAppFixture.Password);

        // Act: desk B checks one item in.
        await shellB.OpenAsync("Retour");
        var checkin = new CheckinDeskPage(deskB);
        var returned = scenario.Items[0].Barcode.Value;
        await checkin.ScanAsync(returned);
        await Assertions.Expect(checkin.Line(returned)).ToHaveAttributeAsync("data-status", "Done", new() { Timeout = Wait });

        // Assert: desk A's file follows, with no navigation.
        await Assertions.Expect(loans).ToHaveCountAsync(1, new() { Timeout = Wait });
        await Assertions.Expect(deskA.GetByTestId("patron-loans")).Not.ToContainTextAsync(returned);
        await Assertions.Expect(deskA.Locator("[data-testid=history-line][data-action=checkin]")).ToHaveCountAsync(1, new() { Timeout = Wait });
        await Screenshots.TakeAsync(deskA, "desk-patron-file-live");
        await Screenshots.TakeAsync(deskB, "desk-checkin-other-desk");
        await deskA.Context.CloseAsync();
        await deskB.Context.CloseAsync();
    }

    [Fact]
    public async Task Sip2Checkin_FromTheWorkerProcess_TrapsTheHoldAndReachesTheOpenPatronFileAndHoldShelf()
    {
        // Arrange: Gavroche has the only item; Cosette holds the title for pickup here. A kiosk account of this library.
        var ct = TestContext.Current.CancellationToken;
        var scenario = await DeskScenario.CreateAsync(app, "Les Misérables", items: 1);
        var borrower = await scenario.PatronAsync("Gavroche", "Thénardier");
        var holder = await scenario.PatronAsync("Cosette", "Fauchelevent");
        var barcode = scenario.Items[0].Barcode.Value;
        Assert.True((await app.Services.GetRequiredService<CirculationDesk>()
            .CheckOutAsync(scenario.Actor, scenario.Library.Id, borrower.CardNumber.Value, barcode, ct: ct)).Succeeded);
        Assert.True((await app.Services.GetRequiredService<HoldService>()
            .PlaceAsync(scenario.Actor, holder.Id, scenario.Record.Id, scenario.Library.Id, ct: ct)).Succeeded);
        var kiosk = Unique.Code("borne").ToLowerInvariant();
        await app.Services.GetRequiredService<Sip2TerminalService>()
            .CreateAsync(scenario.Actor, kiosk, "Kiosque-Secret-1", scenario.Library.Id, ["Checkin", "Checkout", "PatronInformation", "ItemInformation"], ct: ct);
        await using var worker = await Sip2WorkerProcess.StartAsync(app.Database.ConnectionString);

        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync(await scenario.LibrarianAsync(), LiveAppFixture.Password);
        await page.GotoAsync($"/desk/patrons/{borrower.Id}");
        await Assertions.Expect(page.GetByTestId("loan-line")).ToHaveCountAsync(1, new() { Timeout = Wait });
        var shelf = await page.Context.NewPageAsync();
        await shelf.GotoAsync("/desk/holds");
        await Assertions.Expect(shelf.GetByText("Étagère des réservations (0)")).ToBeVisibleAsync(new() { Timeout = Wait });

        // Act: the kiosk logs in and sends a checkin (09) over TCP to the worker process.
        const string date = "20260115    101500";
        var answers = await worker.SessionAsync($"9300CN{kiosk}|COKiosque-Secret-1|CPMAIN|", $"09N{date}{date}APMAIN|AOMEDIABIB|AB{barcode}|AC|");

        // Assert: the worker accepted it; the borrower's open file loses the loan, the hold shelf lists Cosette.
        Assert.Equal("941", answers[0]);
        Assert.StartsWith("101", answers[1], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("loan-line")).ToHaveCountAsync(0, new() { Timeout = Wait });
        var line = shelf.GetByTestId("shelf-line");
        await Assertions.Expect(line).ToContainTextAsync("FAUCHELEVENT Cosette", new() { Timeout = Wait });
        await Assertions.Expect(line).ToContainTextAsync(barcode, new() { Timeout = Wait });
        await Screenshots.TakeAsync(page, "desk-patron-file-after-sip2-checkin");
        await Screenshots.TakeAsync(shelf, "desk-hold-shelf-after-sip2-checkin");
        await page.Context.CloseAsync();
    }
}
