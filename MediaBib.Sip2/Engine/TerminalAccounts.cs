using System.Text.Json;
using System.Text.Json.Serialization;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Sip2.Library;

namespace MediaBib.Sip2.Engine;

/// <summary>Maps a stored terminal account to what the protocol layer works with.</summary>
public static class TerminalAccounts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static TerminalAccount From(Sip2TerminalView view, string institutionId) =>
        new(view.Login, institutionId, view.LibraryCode, view.LibraryName, Operations(view.AllowedOperations), view.Charset,
            SortBinRules(view.SortBinRules), view.CheckinCapturesHolds);

    /// <summary>Operation names → flags; unknown names are ignored (they grant nothing).</summary>
    public static Sip2Operations Operations(IEnumerable<string> names) =>
        names.Aggregate(Sip2Operations.None, (all, name) =>
            Enum.TryParse<Sip2Operations>(name, ignoreCase: true, out var op) && Enum.IsDefined(op) ? all | op : all);

    public static IReadOnlyList<SortBinRule> SortBinRules(string json) =>
        string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<SortBinRule>>(json, Json) ?? [];

    public static string SortBinRulesJson(IEnumerable<SortBinRule> rules) => JsonSerializer.Serialize(rules, Json);

    /// <summary>The names of every flag in <paramref name="operations"/> (for storing).</summary>
    public static IReadOnlyList<string> Names(Sip2Operations operations) =>
        [.. Enum.GetValues<Sip2Operations>().Where(o => o is not Sip2Operations.None and not Sip2Operations.All && operations.HasFlag(o)).Select(o => o.ToString())];
}
