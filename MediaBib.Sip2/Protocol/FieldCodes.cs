namespace MediaBib.Sip2.Protocol;

/// <summary>SIP2 v2.00 variable field ids used by this server.</summary>
public static class FieldCodes
{
    public const string PatronIdentifier = "AA";
    public const string ItemIdentifier = "AB";
    public const string TerminalPassword = "AC";
    public const string PatronPassword = "AD";
    public const string PersonalName = "AE";
    public const string ScreenMessage = "AF";
    public const string PrintLine = "AG";
    public const string DueDate = "AH";
    public const string TitleIdentifier = "AJ";
    public const string BlockedCardMessage = "AL";
    public const string LibraryName = "AM";
    public const string TerminalLocation = "AN";
    public const string InstitutionId = "AO";
    public const string CurrentLocation = "AP";
    public const string PermanentLocation = "AQ";
    public const string HoldItems = "AS";
    public const string OverdueItems = "AT";
    public const string ChargedItems = "AU";
    public const string FineItems = "AV";
    public const string SequenceNumber = "AY";
    public const string Checksum = "AZ";
    public const string HomeAddress = "BD";
    public const string EmailAddress = "BE";
    public const string HomePhoneNumber = "BF";
    public const string Owner = "BG";
    public const string CurrencyType = "BH";
    public const string Cancel = "BI";
    public const string TransactionId = "BK";
    public const string ValidPatron = "BL";
    public const string RenewedItems = "BM";
    public const string UnrenewedItems = "BN";
    public const string FeeAcknowledged = "BO";
    public const string StartItem = "BP";
    public const string EndItem = "BQ";
    public const string QueuePosition = "BR";
    public const string PickupLocation = "BS";
    public const string FeeType = "BT";
    public const string RecallItems = "BU";
    public const string FeeAmount = "BV";
    public const string ExpirationDate = "BW";
    public const string SupportedMessages = "BX";
    public const string HoldType = "BY";
    public const string HoldItemsLimit = "BZ";
    public const string OverdueItemsLimit = "CA";
    public const string ChargedItemsLimit = "CB";
    public const string FeeLimit = "CC";
    public const string UnavailableHoldItems = "CD";
    public const string HoldQueueLength = "CF";
    public const string FeeIdentifier = "CG";
    public const string ItemProperties = "CH";
    public const string SecurityInhibit = "CI";
    public const string RecallDate = "CJ";
    public const string MediaType = "CK";
    public const string SortBin = "CL";
    public const string HoldPickupDate = "CM";
    public const string LoginUserId = "CN";
    public const string LoginPassword = "CO";
    public const string LocationCode = "CP";
    public const string ValidPatronPassword = "CQ";
    public const string Destination = "CT";
    public const string AlertType = "CV";
    public const string HoldPatronId = "CY";
    public const string HoldPatronName = "DA";

    /// <summary>Fields whose values are secrets and must never be logged.</summary>
    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>(StringComparer.Ordinal)
    {
        LoginPassword, PatronPassword, TerminalPassword,
    };
}
