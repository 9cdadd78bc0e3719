using MediaBib.Sip2.Protocol;
using MediaBib.Sip2.Tests.Support;

namespace MediaBib.Sip2.Tests.Protocol;

public class Sip2RequestParserTests
{
    private static readonly DateTimeOffset When = new(2026, 1, 15, 9, 15, 0, TimeSpan.Zero);
    private readonly Sip2RequestParser _parser = new(Sip2Date.Paris());

    private T Parse<T>(string message) where T : Sip2Request =>
        Assert.IsType<T>(Assert.IsType<ParseResult.Parsed>(_parser.Parse(message)).Request);

    [Fact]
    public void Parse_Login_ReadsAlgorithmsAndFields()
    {
        var r = Parse<LoginRequest>("9300CNkiosk|COsecret|CPMAIN|");

        Assert.Equal(('0', '0'), (r.UidAlgorithm, r.PwdAlgorithm));
        Assert.Equal(("kiosk", "secret", "MAIN"), (r.LoginUserId, r.LoginPassword, r.LocationCode));
    }

    [Fact]
    public void Parse_ScStatus_ReadsStatusWidthAndVersion()
    {
        var r = Parse<ScStatusRequest>("990 302.00");

        Assert.Equal(('0', " 30", "2.00"), (r.StatusCode, r.MaxPrintWidth, r.ProtocolVersion));
    }

    [Fact]
    public void Parse_Resend_HasNoFields()
    {
        Assert.Empty(Parse<ResendRequest>("97").Fields.All);
    }

    [Fact]
    public void Parse_PatronStatus_ReadsLanguageDateAndPasswords()
    {
        var r = Parse<PatronStatusRequest>(Messages.PatronStatus("P1", "1234"));

        Assert.Equal(("002", When), (r.Language, r.TransactionDate));
        Assert.Equal(("MEDIABIB", "P1", "termpw", "1234"), (r.InstitutionId, r.PatronIdentifier, r.TerminalPassword, r.PatronPassword));
    }

    [Fact]
    public void Parse_PatronInformation_ReadsSummaryAndRange()
    {
        var r = Parse<PatronInformationRequest>(Messages.PatronInformation("P1", "  Y       ", "BP2|BQ5|"));

        Assert.Equal("  Y       ", r.Summary);
        Assert.Equal(("2", "5"), (r.Fields["BP"], r.Fields["BQ"]));
    }

    [Fact]
    public void Parse_Checkout_ReadsFlagsDatesAndFeeAcknowledgement()
    {
        var r = Parse<CheckoutRequest>(Messages.Checkout("P1", "I1", 'Y', "BOY|BIN|"));

        Assert.True(r.ScRenewalPolicy);
        Assert.True(r.NoBlock);
        Assert.Equal(When, r.TransactionDate);
        Assert.Null(r.NoBlockDueDate);
        Assert.Equal((true, false), (r.Flag("BO"), r.Flag("BI")));
    }

    [Fact]
    public void Parse_Checkin_ReadsReturnDateAndLocation()
    {
        var r = Parse<CheckinRequest>(Messages.Checkin("I1"));

        Assert.False(r.NoBlock);
        Assert.Equal((When, When), (r.TransactionDate, r.ReturnDate));
        Assert.Equal(("MAIN", "I1"), (r.CurrentLocation, r.ItemIdentifier));
    }

    [Fact]
    public void Parse_Renew_ReadsThirdPartyAndNoBlock()
    {
        var r = Parse<RenewRequest>("29" + "Y" + "N" + Messages.Date + Messages.Date + "AOX|AAP1|AJTitre|");

        Assert.Equal((true, false), (r.ThirdPartyAllowed, r.NoBlock));
        Assert.Equal(When, r.NoBlockDueDate);
        Assert.Equal("Titre", r.Fields["AJ"]);
    }

    [Fact]
    public void Parse_RenewAll_ItemInformation_StatusUpdate_Enable_EndSession_ReadTheirDate()
    {
        Assert.Equal(When, Parse<RenewAllRequest>(Messages.RenewAll("P1")).TransactionDate);
        Assert.Equal(When, Parse<ItemInformationRequest>(Messages.ItemInformation("I1")).TransactionDate);
        Assert.Equal("abc", Parse<ItemStatusUpdateRequest>(Messages.ItemStatusUpdate("I1", "abc")).Fields["CH"]);
        Assert.Equal(When, Parse<PatronEnableRequest>(Messages.PatronEnable("P1")).TransactionDate);
        Assert.Equal(When, Parse<EndSessionRequest>(Messages.EndSession("P1")).TransactionDate);
    }

    [Fact]
    public void Parse_BlockPatron_ReadsCardRetainedAndMessage()
    {
        var r = Parse<BlockPatronRequest>(Messages.BlockPatron("P1"));

        Assert.True(r.CardRetained);
        Assert.Equal("Carte avalée", r.Fields["AL"]);
    }

    [Fact]
    public void Parse_Hold_ReadsModeAndHoldFields()
    {
        var r = Parse<HoldRequest>(Messages.Hold('-', "P1", "I1"));

        Assert.Equal('-', r.HoldMode);
        Assert.Equal(("MAIN", "3", "I1"), (r.Fields["BS"], r.Fields["BY"], r.ItemIdentifier));
    }

    [Fact]
    public void Parse_FeePaid_ReadsFeePaymentAndCurrency()
    {
        var r = Parse<FeePaidRequest>(Messages.FeePaid("P2", "12.50"));

        Assert.Equal(("01", "00", "EUR"), (r.FeeType, r.PaymentType, r.Currency));
        Assert.Equal(("12.50", "TX42"), (r.Fields["BV"], r.Fields["BK"]));
    }

    [Fact]
    public void Parse_RepeatedAndUnknownFields_AreKeptInOrder()
    {
        var r = Parse<PatronStatusRequest>("23002" + Messages.Date + "AOA|ZZvendor|AAP1|XYone|XYtwo|");

        Assert.Equal(["AO", "ZZ", "AA", "XY", "XY"], r.Fields.All.Select(f => f.Id));
        Assert.Equal(["one", "two"], r.Fields.Values("XY"));
        Assert.Equal(["ZZ", "XY", "XY"], r.Fields.Unknown(new HashSet<string> { "AO", "AA" }).Select(f => f.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("9")]
    [InlineData("42hello")]
    [InlineData("2300220260115")]
    [InlineData("11YN20260115    101500")]
    [InlineData("990 302.00|x|")]
    public void Parse_UnknownOrTruncatedOrGarbled_IsMalformed(string message)
    {
        Assert.IsType<ParseResult.Malformed>(_parser.Parse(message));
    }

    [Fact]
    public void Parse_CheckoutWithoutItem_IsMissingFieldAB()
    {
        var missing = Assert.IsType<ParseResult.MissingField>(_parser.Parse("11YN" + Messages.Date + Messages.NoDate + "AOX|AAP1|"));

        Assert.Equal("AB", missing.FieldId);
        Assert.IsType<CheckoutRequest>(missing.Request);
    }
}
