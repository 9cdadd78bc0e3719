namespace MediaBib.Sip2.Protocol;

/// <summary>A parsed request: its fixed fields as typed properties, and every variable field in order.</summary>
public abstract record Sip2Request(Sip2Fields Fields)
{
    /// <summary>The two-digit command code.</summary>
    public abstract string Code { get; }

    public string InstitutionId => Fields[FieldCodes.InstitutionId] ?? "";

    public string? TerminalPassword => Fields[FieldCodes.TerminalPassword];

    /// <summary>AD: null when absent or empty (an empty AD means "no password given").</summary>
    public string? PatronPassword => Fields[FieldCodes.PatronPassword] is { Length: > 0 } password ? password : null;

    public string PatronIdentifier => Fields[FieldCodes.PatronIdentifier] ?? "";

    public string ItemIdentifier => Fields[FieldCodes.ItemIdentifier] ?? "";

    /// <summary>A Y/N flag field (BO, BI); null when absent.</summary>
    public bool? Flag(string id) => Fields[id] switch
    {
        null => null,
        var v => v.StartsWith('Y') || v.StartsWith('y'),
    };
}

/// <summary>93. UID and password algorithms must be '0' (no encryption).</summary>
public sealed record LoginRequest(char UidAlgorithm, char PwdAlgorithm, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "93";
    public string LoginUserId => Fields[FieldCodes.LoginUserId] ?? "";
    public string LoginPassword => Fields[FieldCodes.LoginPassword] ?? "";
    public string? LocationCode => Fields[FieldCodes.LocationCode];
}

/// <summary>99. Status: 0 ok, 1 out of paper, 2 about to shut down.</summary>
public sealed record ScStatusRequest(char StatusCode, string MaxPrintWidth, string ProtocolVersion, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "99";
}

/// <summary>97.</summary>
public sealed record ResendRequest(Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "97";
}

/// <summary>23.</summary>
public sealed record PatronStatusRequest(string Language, DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "23";
}

/// <summary>63. <see cref="Summary"/> is 10 characters; the first 'Y' picks the detail list.</summary>
public sealed record PatronInformationRequest(string Language, DateTimeOffset? TransactionDate, string Summary, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "63";
}

/// <summary>11.</summary>
public sealed record CheckoutRequest(bool ScRenewalPolicy, bool NoBlock, DateTimeOffset? TransactionDate, DateTimeOffset? NoBlockDueDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "11";
}

/// <summary>09.</summary>
public sealed record CheckinRequest(bool NoBlock, DateTimeOffset? TransactionDate, DateTimeOffset? ReturnDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "09";
    public string? CurrentLocation => Fields[FieldCodes.CurrentLocation];
}

/// <summary>29.</summary>
public sealed record RenewRequest(bool ThirdPartyAllowed, bool NoBlock, DateTimeOffset? TransactionDate, DateTimeOffset? NoBlockDueDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "29";
}

/// <summary>65.</summary>
public sealed record RenewAllRequest(DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "65";
}

/// <summary>17.</summary>
public sealed record ItemInformationRequest(DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "17";
}

/// <summary>19.</summary>
public sealed record ItemStatusUpdateRequest(DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "19";
}

/// <summary>01.</summary>
public sealed record BlockPatronRequest(bool CardRetained, DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "01";
}

/// <summary>25.</summary>
public sealed record PatronEnableRequest(DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "25";
}

/// <summary>15. Mode '+' place, '-' cancel, '*' change.</summary>
public sealed record HoldRequest(char HoldMode, DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "15";
}

/// <summary>35.</summary>
public sealed record EndSessionRequest(DateTimeOffset? TransactionDate, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "35";
}

/// <summary>37. Fee type 01–99, payment type 00 cash / 01 VISA / 02 credit card, currency ISO 4217.</summary>
public sealed record FeePaidRequest(DateTimeOffset? TransactionDate, string FeeType, string PaymentType, string Currency, Sip2Fields Fields) : Sip2Request(Fields)
{
    public override string Code => "37";
}
