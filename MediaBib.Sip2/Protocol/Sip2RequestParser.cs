namespace MediaBib.Sip2.Protocol;

/// <summary>Outcome of parsing a request body (trailer already removed).</summary>
public abstract record ParseResult
{
    public sealed record Parsed(Sip2Request Request) : ParseResult;

    /// <summary>Not a SIP2 request this server knows, or too short: answered with 96.</summary>
    public sealed record Malformed(string Reason) : ParseResult;

    /// <summary>A known request lacking a field it cannot do without: answered with that request's refusal.</summary>
    public sealed record MissingField(Sip2Request Request, string FieldId) : ParseResult;
}

/// <summary>Parses request text into typed requests: fixed fields by position, then '|'-separated variable fields.</summary>
public sealed class Sip2RequestParser(Sip2Date dates)
{
    /// <summary>Width of the fixed part after the 2-digit code, or null for an unknown command.</summary>
    public static int? FixedLength(string code) => code switch
    {
        "93" => 2,
        "99" => 8,
        "97" => 0,
        "23" => 21,
        "63" => 31,
        "11" => 38,
        "09" => 37,
        "29" => 38,
        "65" => 18,
        "17" => 18,
        "19" => 18,
        "01" => 19,
        "25" => 18,
        "15" => 19,
        "35" => 18,
        "37" => 25,
        _ => null,
    };

    /// <summary>Fields a request cannot be processed without (beyond the fixed part).</summary>
    private static string[] RequiredFields(string code) => code switch
    {
        "93" => [FieldCodes.LoginUserId, FieldCodes.LoginPassword],
        "23" or "63" or "65" or "01" or "25" or "35" or "15" => [FieldCodes.PatronIdentifier],
        "11" => [FieldCodes.PatronIdentifier, FieldCodes.ItemIdentifier],
        "09" or "17" => [FieldCodes.ItemIdentifier],
        "19" => [FieldCodes.ItemIdentifier, FieldCodes.ItemProperties],
        "29" => [FieldCodes.PatronIdentifier],
        "37" => [FieldCodes.PatronIdentifier, FieldCodes.FeeAmount],
        _ => [],
    };

    public ParseResult Parse(string body)
    {
        if (body.Length < 2)
        {
            return new ParseResult.Malformed("message shorter than a command code");
        }
        var code = body[..2];
        if (FixedLength(code) is not int fixedLength)
        {
            return new ParseResult.Malformed($"unknown command '{code}'");
        }
        if (body.Length < 2 + fixedLength)
        {
            return new ParseResult.Malformed($"fixed part of {code} is {body.Length - 2} characters, {fixedLength} expected");
        }
        var fx = body.Substring(2, fixedLength);
        if (!TryParseFields(body[(2 + fixedLength)..], out var fields, out var fieldError))
        {
            return new ParseResult.Malformed(fieldError);
        }
        var request = Build(code, fx, fields);
        foreach (var id in RequiredFields(code))
        {
            if (!fields.Has(id))
            {
                return new ParseResult.MissingField(request, id);
            }
        }
        return new ParseResult.Parsed(request);
    }

    private Sip2Request Build(string code, string fx, Sip2Fields f) => code switch
    {
        "93" => new LoginRequest(fx[0], fx[1], f),
        "99" => new ScStatusRequest(fx[0], fx[1..4], fx[4..8], f),
        "97" => new ResendRequest(f),
        "23" => new PatronStatusRequest(fx[..3], Date(fx, 3), f),
        "63" => new PatronInformationRequest(fx[..3], Date(fx, 3), fx[21..31], f),
        "11" => new CheckoutRequest(Yes(fx[0]), Yes(fx[1]), Date(fx, 2), Date(fx, 20), f),
        "09" => new CheckinRequest(Yes(fx[0]), Date(fx, 1), Date(fx, 19), f),
        "29" => new RenewRequest(Yes(fx[0]), Yes(fx[1]), Date(fx, 2), Date(fx, 20), f),
        "65" => new RenewAllRequest(Date(fx, 0), f),
        "17" => new ItemInformationRequest(Date(fx, 0), f),
        "19" => new ItemStatusUpdateRequest(Date(fx, 0), f),
        "01" => new BlockPatronRequest(Yes(fx[0]), Date(fx, 1), f),
        "25" => new PatronEnableRequest(Date(fx, 0), f),
        "15" => new HoldRequest(fx[0], Date(fx, 1), f),
        "35" => new EndSessionRequest(Date(fx, 0), f),
        "37" => new FeePaidRequest(Date(fx, 0), fx[18..20], fx[20..22], fx[22..25], f),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "FixedLength and Build must list the same commands."),
    };

    private DateTimeOffset? Date(string fx, int start) => dates.Parse(fx.Substring(start, Sip2Date.Length));

    private static bool Yes(char c) => c is 'Y' or 'y';

    private static bool TryParseFields(string text, out Sip2Fields fields, out string error)
    {
        var list = new List<Sip2Field>();
        error = "";
        foreach (var segment in text.Split('|'))
        {
            if (segment.Length == 0)
            {
                continue;
            }
            if (segment.Length < 2 || !char.IsAsciiLetterUpper(segment[0]) || !char.IsAsciiLetterOrDigit(segment[1]))
            {
                fields = new Sip2Fields(list);
                error = $"variable field '{Truncate(segment)}' has no two-character id";
                return false;
            }
            list.Add(new Sip2Field(segment[..2], segment[2..]));
        }
        fields = new Sip2Fields(list);
        return true;
    }

    private static string Truncate(string s) => s.Length > 8 ? s[..8] + "…" : s;
}
