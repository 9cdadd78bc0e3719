using MediaBib.Sip2.Library;
using MediaBib.Sip2.Protocol;
using MediaBib.Sip2.Tests.Support;

namespace MediaBib.Sip2.Tests.Protocol;

/// <summary>Every response with its fixed fields checked character by character (the expected texts are written by hand).</summary>
public class Sip2ResponsesTests
{
    private const string D = "20260115    101500";
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 9, 15, 0, TimeSpan.Zero);
    private readonly Sip2Responses _responses = new(Sip2Date.Paris());
    private readonly Sip2RequestParser _parser = new(Sip2Date.Paris());

    private Sip2Request Request(string message) => ((ParseResult.Parsed)_parser.Parse(message)).Request;

    [Fact]
    public void Login_OkAndRefused()
    {
        Assert.Equal("941", _responses.Login(true));
        Assert.Equal("940", _responses.Login(false));
    }

    [Fact]
    public void AcsStatus_FixedFieldsThenAoAmBxAn()
    {
        var content = new AcsStatusContent(true, true, false, true, false, true, 50, 3, "MEDIABIB", "Médiathèque", "YYYYYYYYYYYYYYYY", "MAIN", null);

        var text = _responses.AcsStatus(content, Now);

        Assert.Equal("98" + "YYNYNY" + "050" + "003" + D + "2.00" + "AOMEDIABIB|AMMédiathèque|BXYYYYYYYYYYYYYYYY|ANMAIN|", text);
    }

    [Fact]
    public void PatronStatusField_FlagsInSip2Order()
    {
        var field = Sip2Responses.PatronStatusField(PatronFlags.ChargePrivilegesDenied | PatronFlags.CardReportedLost | PatronFlags.TooManyItemsBilled);

        Assert.Equal("Y   Y        Y", field);
        Assert.Equal(14, field.Length);
    }

    [Fact]
    public void PatronStatus_ValidPatronWithPasswordAndFees()
    {
        var p = new PatronStatus(true, "P2", "Jean Dupont", PatronFlags.ExcessiveOutstandingFines, true, 12.5m, "Amendes à régler");

        var text = _responses.PatronStatus(Request(Messages.PatronStatus("P2", "0000")), p, Now);

        Assert.Equal("24" + "          Y   " + "002" + D + "AOMEDIABIB|AAP2|AEJean Dupont|BLY|CQY|BHEUR|BV12.50|AFAmendes à régler|", text);
    }

    [Fact]
    public void PatronStatus_UnknownPatron_IsYYYYAndBlN()
    {
        var text = _responses.PatronStatus(Request(Messages.PatronStatus("X")), PatronStatus.Unknown("X", "Carte inconnue."), Now);

        Assert.Equal("24" + "YYYY          " + "002" + D + "AOMEDIABIB|AAX|AE|BLN|AFCarte inconnue.|", text);
    }

    [Fact]
    public void PatronInformation_CountsThenFieldsThenOneList()
    {
        var info = new PatronInformation(new PatronStatus(true, "P1", "Élise", PatronFlags.None, null, null), 1, 2, 3, 4, 5, 6,
            ["I1", "I2"], ChargedItemsLimit: 10, Email: "e@x.org");

        var text = _responses.PatronInformation(Request(Messages.PatronInformation("P1", "  Y       ")), info, PatronItemList.ChargedItems, ["I1", "I2"], Now);

        Assert.Equal("64" + new string(' ', 14) + "002" + D + "0001" + "0002" + "0003" + "0004" + "0005" + "0006"
            + "AOMEDIABIB|AAP1|AEÉlise|CB10|BLY|AUI1|AUI2|BEe@x.org|", text);
    }

    [Theory]
    [InlineData(PatronItemList.HoldItems, "AS")]
    [InlineData(PatronItemList.OverdueItems, "AT")]
    [InlineData(PatronItemList.ChargedItems, "AU")]
    [InlineData(PatronItemList.FineItems, "AV")]
    [InlineData(PatronItemList.RecallItems, "BU")]
    [InlineData(PatronItemList.UnavailableHolds, "CD")]
    public void ListFieldId_EachList_HasItsSip2Field(PatronItemList list, string id)
    {
        Assert.Equal(id, Sip2Responses.ListFieldId(list));
    }

    [Fact]
    public void Loan_CheckoutOkWithRentalFee()
    {
        var r = new LoanResult(null, "P1", "I1", "Les Misérables", Now.AddDays(21), false, Sip2Tristate.No, Sip2Tristate.Yes,
            new LoanFee(6, 1.5m, "F9"), MediaType: "001");

        var text = _responses.Loan("12", Request(Messages.Checkout("P1", "I1")), r, Now);

        Assert.Equal("12" + "1" + "N" + "N" + "Y" + D + "AOMEDIABIB|AAP1|ABI1|AJLes Misérables|AH20260205    101500|"
            + "BT06|CIN|BHEUR|BV1.50|CK001|BKF9|", text);
    }

    [Fact]
    public void Loan_RefusedRenewal_HasEmptyDueDateNoDesensitizeAndTheReason()
    {
        var r = new LoanResult(new Sip2Refusal("x", "Prolongation impossible."), "P1", "I1", "T", Now, Desensitize: Sip2Tristate.Yes);

        var text = _responses.Loan("30", Request(Messages.Renew("P1", "I1")), r, Now);

        Assert.Equal("30" + "0" + "N" + "U" + "N" + D + "AOMEDIABIB|AAP1|ABI1|AJT|AH|AFProlongation impossible.|", text);
    }

    [Fact]
    public void Checkin_HoldElsewhere_HasAlertDestinationHoldPatronAndSortBin()
    {
        var r = new CheckinResult(null, "I1", "MAIN", "Titre", "P9", CheckinAlertType.HoldElsewhere, "ANNEXE", "P1", "Élise F.",
            Sip2Tristate.No, Sip2Tristate.Yes);

        var text = _responses.Checkin((CheckinRequest)Request(Messages.Checkin("I1")), r, "B2", Now);

        Assert.Equal("10" + "1" + "Y" + "N" + "Y" + D + "AOMEDIABIB|ABI1|AQMAIN|AJTitre|CLB2|AAP9|CV02|CTANNEXE|CYP1|DAÉlise F.|", text);
    }

    [Fact]
    public void Checkin_Refused_IsAlertWithType99()
    {
        var r = new CheckinResult(new Sip2Refusal("item.unknown", "Document inconnu."), "I0", "");

        var text = _responses.Checkin((CheckinRequest)Request(Messages.Checkin("I0")), r, null, Now);

        Assert.Equal("10" + "0" + "Y" + "U" + "Y" + D + "AOMEDIABIB|ABI0|AQ|CV99|AFDocument inconnu.|", text);
    }

    [Theory]
    [InlineData(CheckinAlertType.HoldHere, "01")]
    [InlineData(CheckinAlertType.HoldElsewhere, "02")]
    [InlineData(CheckinAlertType.Transfer, "04")]
    [InlineData(CheckinAlertType.Other, "99")]
    public void AlertCode_EachType(CheckinAlertType alert, string code)
    {
        Assert.Equal(code, Sip2Responses.AlertCode(alert));
    }

    [Fact]
    public void RenewAll_CountsAndRepeatedItems()
    {
        var text = _responses.RenewAll(Request(Messages.RenewAll("P1")), new RenewAllResult(null, ["I1", "I2"], ["I3"]), Now);

        Assert.Equal("66" + "1" + "0002" + "0001" + D + "AOMEDIABIB|BMI1|BMI2|BNI3|", text);
    }

    [Fact]
    public void ItemInformation_StatusSecurityFeeThenFields()
    {
        var item = new ItemInformation("I1", "Titre", ItemCirculationStatus.InTransit, SecurityMarker.TattleTape, 1,
            HoldQueueLength: 2, DueDate: Now, MediaType: "001", PermanentLocation: "MAIN");

        var text = _responses.ItemInformation(Request(Messages.ItemInformation("I1")), item, null, Now);

        Assert.Equal("18" + "10" + "02" + "01" + D + "CF2|AH" + D + "|ABI1|AJTitre|CK001|AQMAIN|", text);
    }

    [Fact]
    public void ItemInformation_Unknown_IsStatus01WithEmptyTitle()
    {
        var text = _responses.ItemInformation(Request(Messages.ItemInformation("I0")), null, "Document inconnu.", Now);

        Assert.Equal("18" + "01" + "00" + "01" + D + "ABI0|AJ|AFDocument inconnu.|", text);
    }

    [Theory]
    [InlineData(ItemCirculationStatus.Other, "01")]
    [InlineData(ItemCirculationStatus.Available, "03")]
    [InlineData(ItemCirculationStatus.WaitingOnHoldShelf, "08")]
    [InlineData(ItemCirculationStatus.Missing, "13")]
    public void ItemInformation_CirculationStatusRange(ItemCirculationStatus status, string code)
    {
        var text = _responses.ItemInformation(Request(Messages.ItemInformation("I1")), new ItemInformation("I1", "T", status), null, Now);

        Assert.Equal(code, text[2..4]);
    }

    [Fact]
    public void ItemStatusUpdate_OkEchoesProperties()
    {
        var text = _responses.ItemStatusUpdate(Request(Messages.ItemStatusUpdate("I1", "abc")), new ItemStatusUpdateResult(null, "Titre"), Now);

        Assert.Equal("20" + "1" + D + "ABI1|AJTitre|CHabc|", text);
    }

    [Fact]
    public void PatronEnable_StatusLanguageDateThenFields()
    {
        var text = _responses.PatronEnable(Request(Messages.PatronEnable("P1")), new PatronStatus(true, "P1", "Élise", PatronFlags.None, null, null), Now);

        Assert.Equal("26" + new string(' ', 14) + "002" + D + "AOMEDIABIB|AAP1|AEÉlise|BLY|", text);
    }

    [Fact]
    public void Hold_PlacedWithQueuePosition()
    {
        var r = new HoldResult(null, false, Now, 3, "MAIN", "I1", "Titre");

        var text = _responses.Hold(Request(Messages.Hold('+', "P1", "I1")), r, Now);

        Assert.Equal("16" + "1" + "N" + D + "BW" + D + "|BR3|BSMAIN|AOMEDIABIB|AAP1|ABI1|AJTitre|", text);
    }

    [Fact]
    public void EndSession_And_FeePaid()
    {
        Assert.Equal("36" + "Y" + D + "AOMEDIABIB|AAP1|AFMerci|",
            _responses.EndSession(Request(Messages.EndSession("P1")), new EndSessionResult(true, "Merci"), Now));
        Assert.Equal("38" + "N" + D + "AOMEDIABIB|AAP2|BKTX42|AFRefus|",
            _responses.FeePaid(Request(Messages.FeePaid("P2", "1.00")), new FeePaidResult(new Sip2Refusal("x", "Refus")), Now));
    }

    [Theory]
    [InlineData("93", "940")]
    [InlineData("23", "24")]
    [InlineData("63", "64")]
    [InlineData("11", "120")]
    [InlineData("09", "100")]
    [InlineData("29", "300")]
    [InlineData("65", "660")]
    [InlineData("17", "1801")]
    [InlineData("19", "200")]
    [InlineData("01", "24")]
    [InlineData("25", "26")]
    [InlineData("15", "160")]
    [InlineData("35", "36N")]
    [InlineData("37", "38N")]
    public void Refusal_EveryRequest_GetsItsOwnNegativeResponseWithTheMessage(string code, string expectedStart)
    {
        var request = Request(SampleOf(code));

        var text = _responses.Refusal(request, "sip2.test", "Non.", Now);

        Assert.StartsWith(expectedStart, text);
        if (code != "93")
        {
            Assert.Contains("AFNon.|", text);
        }
    }

    private static string SampleOf(string code) => code switch
    {
        "93" => Messages.Login(),
        "23" => Messages.PatronStatus("P1"),
        "63" => Messages.PatronInformation("P1"),
        "11" => Messages.Checkout("P1", "I1"),
        "09" => Messages.Checkin("I1"),
        "29" => Messages.Renew("P1", "I1"),
        "65" => Messages.RenewAll("P1"),
        "17" => Messages.ItemInformation("I1"),
        "19" => Messages.ItemStatusUpdate("I1", "x"),
        "01" => Messages.BlockPatron("P1"),
        "25" => Messages.PatronEnable("P1"),
        "15" => Messages.Hold('+', "P1", "I1"),
        "35" => Messages.EndSession("P1"),
        "37" => Messages.FeePaid("P1", "1.00"),
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };
}
