namespace MediaBib.Sip2.Tests.Support;

/// <summary>Request texts as terminals send them (fixed parts built field by field so their widths are visible).</summary>
public static class Messages
{
    /// <summary>A SIP2 date: 2026-01-15 10:15:00 local time.</summary>
    public const string Date = "20260115    101500";

    public static readonly string NoDate = new(' ', 18);

    public static string Login(string user = "kiosk", string password = "secret") => $"9300CN{user}|CO{password}|CPMAIN|";

    public static string ScStatus => "990 302.00";

    public static string PatronStatus(string patron, string? password = null) =>
        "23" + "002" + Date + $"AOMEDIABIB|AA{patron}|ACtermpw|" + (password is null ? "" : $"AD{password}|");

    public static string PatronInformation(string patron, string summary = "          ", string extra = "") =>
        "63" + "002" + Date + summary + $"AOMEDIABIB|AA{patron}|" + extra;

    public static string Checkout(string patron, string item, char noBlock = 'N', string extra = "") =>
        "11" + "Y" + noBlock + Date + NoDate + $"AOMEDIABIB|AA{patron}|AB{item}|ACtermpw|" + extra;

    public static string Checkin(string item, char noBlock = 'N') =>
        "09" + noBlock + Date + Date + $"APMAIN|AOMEDIABIB|AB{item}|ACtermpw|";

    public static string Renew(string patron, string item) =>
        "29" + "N" + "N" + Date + NoDate + $"AOMEDIABIB|AA{patron}|AB{item}|";

    public static string RenewAll(string patron) => "65" + Date + $"AOMEDIABIB|AA{patron}|";

    public static string ItemInformation(string item) => "17" + Date + $"AOMEDIABIB|AB{item}|";

    public static string ItemStatusUpdate(string item, string properties) => "19" + Date + $"AOMEDIABIB|AB{item}|CH{properties}|";

    public static string BlockPatron(string patron) => "01" + "Y" + Date + $"AOMEDIABIB|ALCarte avalée|AA{patron}|";

    public static string PatronEnable(string patron) => "25" + Date + $"AOMEDIABIB|AA{patron}|";

    public static string Hold(char mode, string patron, string item) => "15" + mode + Date + $"BSMAIN|BY3|AOMEDIABIB|AA{patron}|AB{item}|";

    public static string EndSession(string patron) => "35" + Date + $"AOMEDIABIB|AA{patron}|";

    public static string FeePaid(string patron, string amount, string currency = "EUR") =>
        "37" + Date + "01" + "00" + currency + $"BV{amount}|AOMEDIABIB|AA{patron}|BKTX42|";
}
