using System.Text.Json;

namespace MediaBib.Infrastructure.Sip2;

/// <summary>
/// The words a terminal account is stored with: operation names, character sets, sort-bin fields and operators.
/// They are the names of the SIP2 worker's enums (<c>Sip2Operations</c>, <c>SortBinField</c>, <c>SortBinOperator</c>)
/// and charsets its <c>Sip2Encodings</c> resolves; a test of the worker keeps both in step. The admin page offers
/// exactly these.
/// </summary>
public static class Sip2TerminalVocabulary
{
    public static IReadOnlyList<string> Operations { get; } =
    [
        "PatronInformation", "Checkout", "Checkin", "Renew", "ItemInformation", "ItemStatusUpdate", "BlockPatron",
        "PatronEnable", "Hold", "FeePaid", "Offline",
    ];

    public static IReadOnlyList<string> Charsets { get; } = ["utf-8", "ibm850", "windows-1252", "iso-8859-1"];

    /// <summary>"Always" matches every item (a default bin); the others compare a value of the returned item.</summary>
    public static IReadOnlyList<string> SortBinFields { get; } =
        ["Always", "AlertType", "ItemType", "Section", "HomeLibrary", "DestinationLibrary", "CallNumber"];

    public static IReadOnlyList<string> SortBinOperators { get; } = ["Equal", "NotEqual", "StartsWith", "LessThan", "GreaterThan"];
}

/// <summary>One check-in sort-bin rule as stored (JSON) and edited: first matching rule gives the sorter its bin (CL).</summary>
public sealed record Sip2SortBinRule(string Field, string Operator, string Value, string Bin)
{
    public const int BinMaxLength = 32;

    public const int ValueMaxLength = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A rule is complete: known field and operator, a bin, and a value unless the field is "Always"; no '|'.</summary>
    public bool IsValid =>
        Sip2TerminalVocabulary.SortBinFields.Contains(Field)
        && Sip2TerminalVocabulary.SortBinOperators.Contains(Operator)
        && Bin?.Trim() is { Length: > 0 and <= BinMaxLength } bin && !bin.Contains('|', StringComparison.Ordinal)
        && (Field == "Always" || Value?.Trim() is { Length: > 0 })
        && (Value ?? "").Length <= ValueMaxLength && !(Value ?? "").Contains('|', StringComparison.Ordinal);

    public static IReadOnlyList<Sip2SortBinRule> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<Sip2SortBinRule>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static string ToJson(IEnumerable<Sip2SortBinRule> rules) =>
        JsonSerializer.Serialize(rules.Select(r => r with { Value = (r.Value ?? "").Trim(), Bin = r.Bin.Trim() }), Json);
}
