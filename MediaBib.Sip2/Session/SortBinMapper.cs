using MediaBib.Sip2.Library;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Session;

/// <summary>Picks the sorter bin (CL) of a returned item: the first rule of the terminal account that matches.</summary>
public static class SortBinMapper
{
    public static string? Map(IReadOnlyList<SortBinRule> rules, CheckinResult result)
    {
        foreach (var rule in rules)
        {
            if (Matches(rule, result))
            {
                return rule.Bin;
            }
        }
        return null;
    }

    private static bool Matches(SortBinRule rule, CheckinResult r)
    {
        if (rule.Field == SortBinField.Always)
        {
            return true;
        }
        var actual = rule.Field switch
        {
            SortBinField.Always => "",
            SortBinField.AlertType => r.Alert is { } alert ? Sip2Responses.AlertCode(alert) : (r.Ok ? "" : "99"),
            SortBinField.ItemType => r.ItemType ?? "",
            SortBinField.Section => r.Section ?? "",
            SortBinField.HomeLibrary => r.HomeLibrary ?? "",
            SortBinField.DestinationLibrary => r.DestinationLibrary ?? "",
            SortBinField.CallNumber => r.CallNumber ?? "",
        };
        var comparison = string.Compare(actual, rule.Value, StringComparison.OrdinalIgnoreCase);
        return rule.Operator switch
        {
            SortBinOperator.Equal => comparison == 0,
            SortBinOperator.NotEqual => comparison != 0,
            SortBinOperator.StartsWith => actual.StartsWith(rule.Value, StringComparison.OrdinalIgnoreCase),
            SortBinOperator.LessThan => comparison < 0,
            SortBinOperator.GreaterThan => comparison > 0,
        };
    }
}
