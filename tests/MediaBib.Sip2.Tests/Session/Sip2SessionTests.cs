using System.Text;
using MediaBib.Sip2.Protocol;
using MediaBib.Sip2.Tests.Support;

namespace MediaBib.Sip2.Tests.Session;

public class Sip2SessionTests
{
    private const string D = "20260115    101500";
    private readonly SessionHarness _h = new();

    [Fact]
    public async Task Login_GoodAndBadPassword()
    {
        Assert.Equal("940", await _h.SendAsync(Messages.Login("kiosk", "wrong")));
        Assert.Null(_h.Session.Terminal);
        Assert.Equal("941", await _h.SendAsync(Messages.Login("kiosk", "secret")));
        Assert.Equal("kiosk", _h.Session.Terminal?.Login);
    }

    [Fact]
    public async Task Login_EncryptedAlgorithm_IsRefused()
    {
        Assert.Equal("940", await _h.SendAsync("9310CNkiosk|COsecret|"));
    }

    [Fact]
    public async Task ScStatus_BeforeLogin_IsAnsweredWithEveryImplementedMessage()
    {
        var text = await _h.SendAsync(Messages.ScStatus);

        Assert.Equal("98YYYYYY050003" + D + "2.00AOMEDIABIB|BXYYYYYYYYYYYYYYYY|", text);
    }

    [Fact]
    public async Task ScStatus_AfterLoginOfALimitedTerminal_TellsTheTruthInBx()
    {
        await _h.LoginAsync("reader");

        var text = await _h.SendAsync(Messages.ScStatus);

        // Online, no checkin, no checkout, no renew, no status update, no offline.
        Assert.StartsWith("98YNNNNN", text);
        //                                 23 11 09 01 99 97 93 63 35 37 17 19 25 15 29 65
        Assert.Contains("|BX" + "Y" + "N" + "N" + "N" + "Y" + "Y" + "Y" + "Y" + "Y" + "N" + "Y" + "N" + "N" + "N" + "N" + "N" + "|", text);
        Assert.Contains("|AMMédiathèque centrale|", text);
        Assert.Contains("|ANMAIN|", text);
    }

    [Fact]
    public async Task ScStatus_WithoutLibrary_ReportsOfflineAndLoginIsRefused()
    {
        var offline = new SessionHarness(withLibrary: false);

        Assert.StartsWith("98NNNNNN", await offline.SendAsync(Messages.ScStatus));
        Assert.Equal("940", await offline.SendAsync(Messages.Login()));
    }

    [Fact]
    public async Task Checkout_BeforeLogin_IsRefusedWithTheFrenchReasonAndNotRun()
    {
        var text = await _h.SendAsync(Messages.Checkout("P1", "I1"));

        Assert.StartsWith("120", text);
        Assert.Contains("|AFBorne non identifiée : connexion (93) requise.|", text);
        Assert.Empty(_h.Library.Calls);
    }

    [Fact]
    public async Task Checkin_TerminalRecognisedWithoutLogin_IsServed()
    {
        _h.Library.TerminalWithoutLogin = InMemorySip2Library.Kiosk with { Login = "sorter-by-ip" };

        var text = await _h.SendAsync(Messages.Checkin("I1"));

        Assert.StartsWith("101", text);
        Assert.Equal("sorter-by-ip", _h.Session.Terminal?.Login);
    }

    [Fact]
    public async Task Checkout_NotAllowedForTerminal_IsRefused()
    {
        await _h.LoginAsync("reader");

        var text = await _h.SendAsync(Messages.Checkout("P1", "I1"));

        Assert.StartsWith("120", text);
        Assert.Contains("AFOpération non autorisée", text);
        Assert.Empty(_h.Library.Calls);
    }

    [Fact]
    public async Task BadChecksum_Gets96WithChecksumAndTheSessionGoesOn()
    {
        await _h.LoginAsync();

        var bad = await _h.SendBytesAsync(Encoding.ASCII.GetBytes("990 302.00AY1AZ0000"));
        var good = await _h.SendCheckedAsync(Messages.ScStatus, 2);

        Assert.Equal("96AZFEF6", bad);
        Assert.StartsWith("98", good);
        Assert.Contains(_h.Logs.Lines, l => l.Contains("bad checksum"));
    }

    [Fact]
    public async Task BadSequenceNumber_Gets96()
    {
        byte[] body = Encoding.ASCII.GetBytes("990 302.00AYxAZ");

        var text = await _h.SendBytesAsync([.. body, .. Encoding.ASCII.GetBytes(Checksum.ComputeHex(body))]);

        Assert.Equal("96AZFEF6", text);
    }

    [Fact]
    public async Task ErrorDetectedRequest_GetsItsSequenceNumberAndAValidChecksumBack()
    {
        var text = await _h.SendCheckedAsync(Messages.Login(), 7);

        Assert.Equal("941AY7AZ", text[..^4]);
        Assert.True(Checksum.Verify(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("42garbage")]
    [InlineData("\u0001\u0002\u0003")]
    [InlineData("2300220260115")]
    public async Task UnknownOrMalformedMessage_Gets96AndIsLogged(string message)
    {
        Assert.Equal("96", await _h.SendAsync(message));
        Assert.Contains(_h.Logs.Lines, l => l.StartsWith("Warning: ", StringComparison.Ordinal) && l.Contains("malformed"));
    }

    [Fact]
    public async Task Resend97_SendsTheLastResponseAgain_Or96WhenNothingWasSent()
    {
        Assert.Equal("96", await _h.SendAsync("97"));
        await _h.LoginAsync();
        var first = await _h.SendCheckedAsync(Messages.PatronStatus("P1"), 3);

        var again = await _h.SendBytesAsync(Encoding.ASCII.GetBytes("97AZFEF5"));

        Assert.Equal(first, again);
        Assert.StartsWith("24", again);
    }

    [Fact]
    public async Task SameSequenceAndSameMessage_IsARetry_SoTheCheckoutRunsOnce()
    {
        await _h.LoginAsync();

        var first = await _h.SendCheckedAsync(Messages.Checkout("P1", "I1"), 4);
        var retry = await _h.SendCheckedAsync(Messages.Checkout("P1", "I1"), 4);

        Assert.StartsWith("121", first);
        Assert.Equal(first, retry);
        Assert.Single(_h.Library.Calls, c => c == "checkout P1 I1");
    }

    [Fact]
    public async Task MissingRequiredField_GetsTheTypedRefusalNamingTheField()
    {
        await _h.LoginAsync();

        var text = await _h.SendAsync("17" + Messages.Date + "AOMEDIABIB|");

        Assert.StartsWith("1801", text);
        Assert.Contains("AFMessage incomplet : champ AB manquant.|", text);
    }

    [Fact]
    public async Task Passwords_NeverReachTheLogs()
    {
        await _h.SendAsync(Messages.Login("kiosk", "Top$ecret1"));
        await _h.SendAsync(Messages.Login("kiosk", "Wr0ngPass"));
        await _h.SendAsync(Messages.PatronStatus("P1", "9876"));
        await _h.SendBytesAsync(Encoding.ASCII.GetBytes("9300CNkiosk|COBadSum99|AY1AZ0000"));

        Assert.NotEmpty(_h.Logs.Lines);
        Assert.DoesNotContain(_h.Logs.Lines, l => l.Contains("Top$ecret1") || l.Contains("Wr0ngPass") || l.Contains("9876") || l.Contains("BadSum99"));
        Assert.Contains(_h.Logs.Lines, l => l.Contains("CO***"));
    }

    [Fact]
    public async Task Ibm850Terminal_AnswersInIbm850WithAccents()
    {
        await _h.LoginAsync("kiosk850");

        var response = await _h.Session.HandleAsync(
            new Sip2Frame(Sip2Encodings.Resolve("ibm850").GetBytes(Messages.PatronStatus("P1")), Sip2Terminator.CrLf), TestContext.Current.CancellationToken);

        Assert.True(response.AsSpan().IndexOf(new byte[] { (byte)'A', (byte)'E', 0x90, (byte)'l' }) > 0, "É is 0x90 in IBM850");
        Assert.Equal("\r\n"u8.ToArray(), response[^2..]);
        Assert.Contains("AEÉlise Frédéric|", Sip2Encodings.Resolve("ibm850").GetString(response));
    }

    [Fact]
    public async Task Windows1252Terminal_ReadsAccentedIdentifiers()
    {
        _h.Library.Patrons["Pé"] = ("Noël Œdipe", "", 0m);
        await _h.LoginAsync("kiosk1252");

        var text = await _h.SendAsync(Messages.PatronStatus("Pé"));

        Assert.Contains("AAPé|AENoël Œdipe|BLY|", text);
    }

    [Fact]
    public async Task Checkin_AtSorter_MapsHoldAndItemTypeToBins_AndCapturesHolds()
    {
        await _h.LoginAsync("sorter");
        _h.Library.Holds["I1"] = ("P1", "MAIN");

        var hold = await _h.SendAsync(Messages.Checkin("I1"));
        var dvd = await _h.SendAsync(Messages.Checkin("I2"));
        var other = await _h.SendAsync(Messages.Checkin("I3"));

        Assert.Contains("|CLB1|", hold);
        Assert.Contains("|CV01|", hold);
        Assert.Contains("|CYP1|DAÉlise Frédéric|", hold);
        Assert.Contains("|CLB2|", dvd);
        Assert.Contains("|CLB9|", other);
        Assert.Contains("checkin I1 capture=True", _h.Library.Calls);
    }

    [Fact]
    public async Task PatronInformation_ChargedList_IsCutToTheRange()
    {
        await _h.LoginAsync();
        foreach (var item in new[] { "I1", "I2", "I3" })
        {
            _h.Library.Loans[item] = "P1";
        }

        var text = await _h.SendAsync(Messages.PatronInformation("P1", "  Y       ", "BP2|BQ3|"));

        Assert.Equal("0003", text[(2 + 14 + 3 + 18 + 8)..(2 + 14 + 3 + 18 + 12)]);
        Assert.Contains("|AUI2|AUI3|", text);
        Assert.DoesNotContain("AUI1", text);
    }

    [Fact]
    public async Task FeePaid_OtherCurrency_IsRefusedBeforeTheLibrary()
    {
        await _h.LoginAsync();

        var usd = await _h.SendAsync(Messages.FeePaid("P2", "12.50", "USD"));
        var eur = await _h.SendAsync(Messages.FeePaid("P2", "12.50"));

        Assert.Contains("AFSeuls les paiements en euros (EUR) sont acceptés.|", usd);
        Assert.StartsWith("38Y", eur);
        Assert.Equal(["pay P2 12.50"], _h.Library.Calls);
    }

    [Fact]
    public async Task NoBlockCheckout_IsPassedToTheLibraryWhenTheTerminalMayWorkOffline()
    {
        await _h.LoginAsync();

        var text = await _h.SendAsync(Messages.Checkout("P1", "I1", noBlock: 'Y'));

        Assert.StartsWith("121", text);
        Assert.Contains(_h.Logs.Lines, l => l.Contains("no-block"));
    }

    [Fact]
    public async Task EveryMessagePair_AfterLogin_GetsItsResponseCode()
    {
        await _h.LoginAsync();
        (string Request, string Response)[] pairs =
        [
            (Messages.PatronStatus("P1"), "24"), (Messages.PatronInformation("P1"), "64"), (Messages.Checkout("P1", "I1"), "121"),
            (Messages.Renew("P1", "I1"), "301"), (Messages.RenewAll("P1"), "661"), (Messages.ItemInformation("I1"), "1804"),
            (Messages.ItemStatusUpdate("I1", "x"), "201"), (Messages.Checkin("I1"), "101"), (Messages.BlockPatron("P1"), "24Y"),
            (Messages.PatronEnable("P1"), "26"), (Messages.Hold('+', "P1", "I1"), "161"), (Messages.Hold('-', "P1", "I1"), "161"),
            (Messages.Hold('*', "P1", "I1"), "160"), (Messages.EndSession("P1"), "36Y"), (Messages.FeePaid("P1", "2.00"), "38Y"),
            (Messages.ScStatus, "98"), ("97", "98"),
        ];

        foreach (var (request, response) in pairs)
        {
            Assert.StartsWith(response, await _h.SendAsync(request));
        }
    }
}
