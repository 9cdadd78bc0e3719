using MediaBib.Sip2.Library;

namespace MediaBib.Sip2.Protocol;

/// <summary>
/// Builds every SIP2 v2.00 response text with its exact fixed-field layout. Each method takes the request (for the
/// fields echoed back) and the library's answer; refusals put the French screen message in AF.
/// </summary>
public sealed class Sip2Responses(Sip2Date dates)
{
    /// <summary>French is the language of every screen message (SIP2 language code 002).</summary>
    public const string LanguageFrench = "002";
    public const string Currency = "EUR";

    public Sip2Date Dates => dates;

    private Sip2Writer W(string code) => new(code, dates);

    /// <summary>94: ok '1' or '0'.</summary>
    public string Login(bool ok) => W("94").OneZero(ok).ToString();

    /// <summary>96: request SC resend.</summary>
    public static string RequestScResend => "96";

    /// <summary>98 ACS status.</summary>
    public string AcsStatus(AcsStatusContent c, DateTimeOffset now) => W("98")
        .YesNo(c.Online).YesNo(c.CheckinOk).YesNo(c.CheckoutOk).YesNo(c.RenewalPolicy).YesNo(c.StatusUpdateOk).YesNo(c.OfflineOk)
        .Number(c.TimeoutTenths, 3).Number(c.RetriesAllowed, 3).Date(now).Fixed("2.00", 4)
        .Field(FieldCodes.InstitutionId, c.InstitutionId)
        .Optional(FieldCodes.LibraryName, c.LibraryName)
        .Field(FieldCodes.SupportedMessages, c.SupportedMessages)
        .Optional(FieldCodes.TerminalLocation, c.TerminalLocation)
        .Optional(FieldCodes.ScreenMessage, c.ScreenMessage)
        .ToString();

    /// <summary>The 14-character patron status: 'Y' for each set flag, space otherwise.</summary>
    public static string PatronStatusField(PatronFlags flags)
    {
        var chars = new char[14];
        for (var i = 0; i < 14; i++)
        {
            chars[i] = (flags & (PatronFlags)(1 << i)) != 0 ? 'Y' : ' ';
        }
        return new string(chars);
    }

    /// <summary>24 patron status (also the answer to 01 block patron).</summary>
    public string PatronStatus(Sip2Request request, PatronStatus p, DateTimeOffset now) => W("24")
        .Fixed(PatronStatusField(p.Flags), 14).Fixed(LanguageFrench, 3).Date(now)
        .Field(FieldCodes.InstitutionId, request.InstitutionId)
        .Field(FieldCodes.PatronIdentifier, p.PatronIdentifier)
        .Field(FieldCodes.PersonalName, p.PersonalName)
        .Field(FieldCodes.ValidPatron, p.Valid ? "Y" : "N")
        .Optional(FieldCodes.ValidPatronPassword, YN(p.PasswordValid))
        .Optional(FieldCodes.CurrencyType, p.FeeAmount is null ? null : Currency)
        .Optional(FieldCodes.FeeAmount, p.FeeAmount)
        .Optional(FieldCodes.ScreenMessage, p.ScreenMessage)
        .Optional(FieldCodes.PrintLine, p.PrintLine)
        .ToString();

    /// <summary>64 patron information; <paramref name="items"/> is the requested list, already cut to BP–BQ.</summary>
    public string PatronInformation(Sip2Request request, PatronInformation info, PatronItemList list, IEnumerable<string> items, DateTimeOffset now)
    {
        var p = info.Status;
        var w = W("64").Fixed(PatronStatusField(p.Flags), 14).Fixed(LanguageFrench, 3).Date(now)
            .Number(info.HoldItemsCount, 4).Number(info.OverdueItemsCount, 4).Number(info.ChargedItemsCount, 4)
            .Number(info.FineItemsCount, 4).Number(info.RecallItemsCount, 4).Number(info.UnavailableHoldsCount, 4)
            .Field(FieldCodes.InstitutionId, request.InstitutionId)
            .Field(FieldCodes.PatronIdentifier, p.PatronIdentifier)
            .Field(FieldCodes.PersonalName, p.PersonalName)
            .Optional(FieldCodes.HoldItemsLimit, info.HoldItemsLimit)
            .Optional(FieldCodes.OverdueItemsLimit, info.OverdueItemsLimit)
            .Optional(FieldCodes.ChargedItemsLimit, info.ChargedItemsLimit)
            .Field(FieldCodes.ValidPatron, p.Valid ? "Y" : "N")
            .Optional(FieldCodes.ValidPatronPassword, YN(p.PasswordValid))
            .Optional(FieldCodes.CurrencyType, p.FeeAmount is null && info.FeeLimit is null ? null : Currency)
            .Optional(FieldCodes.FeeAmount, p.FeeAmount)
            .Optional(FieldCodes.FeeLimit, info.FeeLimit);
        var listId = ListFieldId(list);
        if (listId is not null)
        {
            w.Repeat(listId, items);
        }
        return w.Optional(FieldCodes.HomeAddress, info.HomeAddress)
            .Optional(FieldCodes.EmailAddress, info.Email)
            .Optional(FieldCodes.HomePhoneNumber, info.HomePhone)
            .Optional(FieldCodes.ScreenMessage, p.ScreenMessage)
            .Optional(FieldCodes.PrintLine, p.PrintLine)
            .ToString();
    }

    public static string? ListFieldId(PatronItemList list) => list switch
    {
        PatronItemList.None => null,
        PatronItemList.HoldItems => FieldCodes.HoldItems,
        PatronItemList.OverdueItems => FieldCodes.OverdueItems,
        PatronItemList.ChargedItems => FieldCodes.ChargedItems,
        PatronItemList.FineItems => FieldCodes.FineItems,
        PatronItemList.RecallItems => FieldCodes.RecallItems,
        PatronItemList.UnavailableHolds => FieldCodes.UnavailableHoldItems,
    };

    /// <summary>12 checkout or 30 renew (same layout).</summary>
    public string Loan(string code, Sip2Request request, LoanResult r, DateTimeOffset now) => W(code)
        .OneZero(r.Ok).YesNo(r.RenewalOk).Tristate(r.MagneticMedia).Tristate(r.Ok ? r.Desensitize : Sip2Tristate.No).Date(now)
        .Field(FieldCodes.InstitutionId, request.InstitutionId)
        .Field(FieldCodes.PatronIdentifier, r.PatronIdentifier)
        .Field(FieldCodes.ItemIdentifier, r.ItemIdentifier)
        .Field(FieldCodes.TitleIdentifier, r.Title)
        .Field(FieldCodes.DueDate, r.Ok && r.DueDate is { } due ? dates.Format(due) : "")
        .Optional(FieldCodes.FeeType, r.Fee is null ? null : TwoDigits(r.Fee.FeeType))
        .Optional(FieldCodes.SecurityInhibit, r.Fee is null ? null : "N")
        .Optional(FieldCodes.CurrencyType, r.Fee is null ? null : Currency)
        .Optional(FieldCodes.FeeAmount, r.Fee?.Amount)
        .Optional(FieldCodes.MediaType, r.MediaType)
        .Optional(FieldCodes.ItemProperties, r.ItemProperties)
        .Optional(FieldCodes.TransactionId, r.Fee?.TransactionId)
        .Optional(FieldCodes.ScreenMessage, r.Refusal?.ScreenMessage ?? r.ScreenMessage)
        .Optional(FieldCodes.PrintLine, r.PrintLine)
        .ToString();

    /// <summary>10 checkin, with the CV/CT/CY/DA hold and transfer extensions and the CL sort bin.</summary>
    public string Checkin(CheckinRequest request, CheckinResult r, string? sortBin, DateTimeOffset now)
    {
        var alert = r.Alert ?? (r.Ok ? null : CheckinAlertType.Other);
        return W("10")
            .OneZero(r.Ok).Tristate(r.Resensitize).Tristate(r.MagneticMedia).YesNo(alert is not null).Date(now)
            .Field(FieldCodes.InstitutionId, request.InstitutionId)
            .Field(FieldCodes.ItemIdentifier, r.ItemIdentifier)
            .Field(FieldCodes.PermanentLocation, r.PermanentLocation)
            .Optional(FieldCodes.TitleIdentifier, r.Title)
            .Optional(FieldCodes.SortBin, sortBin)
            .Optional(FieldCodes.PatronIdentifier, r.PatronIdentifier)
            .Optional(FieldCodes.MediaType, r.MediaType)
            .Optional(FieldCodes.ItemProperties, r.ItemProperties)
            .Optional(FieldCodes.AlertType, alert is null ? null : AlertCode(alert.Value))
            .Optional(FieldCodes.Destination, r.DestinationLibrary)
            .Optional(FieldCodes.HoldPatronId, r.HoldPatronIdentifier)
            .Optional(FieldCodes.HoldPatronName, r.HoldPatronName)
            .Optional(FieldCodes.ScreenMessage, r.Refusal?.ScreenMessage ?? r.ScreenMessage)
            .Optional(FieldCodes.PrintLine, r.PrintLine)
            .ToString();
    }

    public static string AlertCode(CheckinAlertType alert) => alert switch
    {
        CheckinAlertType.HoldHere => "01",
        CheckinAlertType.HoldElsewhere => "02",
        CheckinAlertType.Transfer => "04",
        CheckinAlertType.Other => "99",
    };

    /// <summary>66 renew all.</summary>
    public string RenewAll(Sip2Request request, RenewAllResult r, DateTimeOffset now) => W("66")
        .OneZero(r.Ok).Number(r.Renewed.Count, 4).Number(r.Unrenewed.Count, 4).Date(now)
        .Field(FieldCodes.InstitutionId, request.InstitutionId)
        .Repeat(FieldCodes.RenewedItems, r.Renewed)
        .Repeat(FieldCodes.UnrenewedItems, r.Unrenewed)
        .Optional(FieldCodes.ScreenMessage, r.Refusal?.ScreenMessage ?? r.ScreenMessage)
        .ToString();

    /// <summary>18 item information; <paramref name="item"/> null means unknown barcode (status 01, empty title).</summary>
    public string ItemInformation(Sip2Request request, ItemInformation? item, string? unknownMessage, DateTimeOffset now)
    {
        if (item is null)
        {
            return W("18").Fixed("01", 2).Fixed("00", 2).Fixed("01", 2).Date(now)
                .Field(FieldCodes.ItemIdentifier, request.ItemIdentifier)
                .Field(FieldCodes.TitleIdentifier, "")
                .Optional(FieldCodes.ScreenMessage, unknownMessage)
                .ToString();
        }
        return W("18")
            .Number((int)item.CirculationStatus, 2).Number((int)item.SecurityMarker, 2).Number(item.FeeType, 2).Date(now)
            .Optional(FieldCodes.HoldQueueLength, item.HoldQueueLength)
            .Optional(FieldCodes.DueDate, item.DueDate)
            .Optional(FieldCodes.RecallDate, item.RecallDate)
            .Optional(FieldCodes.HoldPickupDate, item.HoldPickupDate)
            .Field(FieldCodes.ItemIdentifier, item.ItemIdentifier)
            .Field(FieldCodes.TitleIdentifier, item.Title)
            .Optional(FieldCodes.Owner, item.Owner)
            .Optional(FieldCodes.CurrencyType, item.FeeAmount is null ? null : Currency)
            .Optional(FieldCodes.FeeAmount, item.FeeAmount)
            .Optional(FieldCodes.MediaType, item.MediaType)
            .Optional(FieldCodes.PermanentLocation, item.PermanentLocation)
            .Optional(FieldCodes.CurrentLocation, item.CurrentLocation)
            .Optional(FieldCodes.ItemProperties, item.ItemProperties)
            .Optional(FieldCodes.ScreenMessage, item.ScreenMessage)
            .ToString();
    }

    /// <summary>20 item status update.</summary>
    public string ItemStatusUpdate(Sip2Request request, ItemStatusUpdateResult r, DateTimeOffset now) => W("20")
        .OneZero(r.Ok).Date(now)
        .Field(FieldCodes.ItemIdentifier, request.ItemIdentifier)
        .Optional(FieldCodes.TitleIdentifier, r.Title)
        .Optional(FieldCodes.ItemProperties, request.Fields[FieldCodes.ItemProperties])
        .Optional(FieldCodes.ScreenMessage, r.Refusal?.ScreenMessage ?? r.ScreenMessage)
        .ToString();

    /// <summary>26 patron enable.</summary>
    public string PatronEnable(Sip2Request request, PatronStatus p, DateTimeOffset now) => W("26")
        .Fixed(PatronStatusField(p.Flags), 14).Fixed(LanguageFrench, 3).Date(now)
        .Field(FieldCodes.InstitutionId, request.InstitutionId)
        .Field(FieldCodes.PatronIdentifier, p.PatronIdentifier)
        .Field(FieldCodes.PersonalName, p.PersonalName)
        .Field(FieldCodes.ValidPatron, p.Valid ? "Y" : "N")
        .Optional(FieldCodes.ValidPatronPassword, YN(p.PasswordValid))
        .Optional(FieldCodes.ScreenMessage, p.ScreenMessage)
        .Optional(FieldCodes.PrintLine, p.PrintLine)
        .ToString();

    /// <summary>16 hold.</summary>
    public string Hold(Sip2Request request, HoldResult r, DateTimeOffset now) => W("16")
        .OneZero(r.Ok).YesNo(r.Ok && r.Available).Date(now)
        .Optional(FieldCodes.ExpirationDate, r.ExpirationDate)
        .Optional(FieldCodes.QueuePosition, r.QueuePosition)
        .Optional(FieldCodes.PickupLocation, r.PickupLocation)
        .Field(FieldCodes.InstitutionId, request.InstitutionId)
        .Field(FieldCodes.PatronIdentifier, request.PatronIdentifier)
        .Optional(FieldCodes.ItemIdentifier, r.ItemIdentifier ?? request.Fields[FieldCodes.ItemIdentifier])
        .Optional(FieldCodes.TitleIdentifier, r.Title ?? request.Fields[FieldCodes.TitleIdentifier])
        .Optional(FieldCodes.ScreenMessage, r.Refusal?.ScreenMessage ?? r.ScreenMessage)
        .ToString();

    /// <summary>36 end session.</summary>
    public string EndSession(Sip2Request request, EndSessionResult r, DateTimeOffset now) => W("36")
        .YesNo(r.Ended).Date(now)
        .Field(FieldCodes.InstitutionId, request.InstitutionId)
        .Field(FieldCodes.PatronIdentifier, request.PatronIdentifier)
        .Optional(FieldCodes.ScreenMessage, r.ScreenMessage)
        .ToString();

    /// <summary>38 fee paid.</summary>
    public string FeePaid(Sip2Request request, FeePaidResult r, DateTimeOffset now) => W("38")
        .YesNo(r.Accepted).Date(now)
        .Field(FieldCodes.InstitutionId, request.InstitutionId)
        .Field(FieldCodes.PatronIdentifier, request.PatronIdentifier)
        .Optional(FieldCodes.TransactionId, r.TransactionId ?? request.Fields[FieldCodes.TransactionId])
        .Optional(FieldCodes.ScreenMessage, r.Refusal?.ScreenMessage ?? r.ScreenMessage)
        .ToString();

    private static string? YN(bool? value) => value switch
    {
        null => null,
        true => "Y",
        false => "N",
    };

    private static string TwoDigits(int value) => Math.Clamp(value, 0, 99).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a 98 reports.</summary>
public sealed record AcsStatusContent(
    bool Online,
    bool CheckinOk,
    bool CheckoutOk,
    bool RenewalPolicy,
    bool StatusUpdateOk,
    bool OfflineOk,
    int TimeoutTenths,
    int RetriesAllowed,
    string InstitutionId,
    string? LibraryName,
    string SupportedMessages,
    string? TerminalLocation,
    string? ScreenMessage);
