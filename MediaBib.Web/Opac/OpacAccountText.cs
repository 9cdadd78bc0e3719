using System.Globalization;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Notifications;

namespace MediaBib.Web.Opac;

/// <summary>Stable codes and French formats of the patron account (dates in Paris time, euros as 1 234,50 €).</summary>
public static class OpacAccountText
{
    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr-FR");

    public static string Euros(decimal amount) => amount.ToString("C", French);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", French);

    public static string HoldStatusCode(HoldStatus status) => status switch
    {
        HoldStatus.Pending => "pending",
        HoldStatus.InTransit => "in_transit",
        HoldStatus.Waiting => "waiting",
        HoldStatus.Fulfilled => "fulfilled",
        HoldStatus.Cancelled => "cancelled",
        HoldStatus.Expired => "expired",
    };

    /// <summary>Resource key of a fine's kind.</summary>
    public static string FineKindKey(FineKind kind) => kind switch
    {
        FineKind.Overdue => "Fine.Overdue",
        FineKind.LostItem => "Fine.LostItem",
        FineKind.Damage => "Fine.Damage",
        FineKind.Membership => "Fine.Membership",
        FineKind.Manual => "Fine.Manual",
    };

    /// <summary>Form value of a notice channel ("" = the library's choice).</summary>
    public static string ChannelValue(NoticeChannel? channel) => channel is not { } value ? "" : value switch
    {
        NoticeChannel.Email => "email",
        NoticeChannel.Sms => "sms",
        NoticeChannel.Letter => "letter",
    };

    public static NoticeChannel? ParseChannel(string? value) => value switch
    {
        "email" => NoticeChannel.Email,
        "sms" => NoticeChannel.Sms,
        "letter" => NoticeChannel.Letter,
        _ => null,
    };
}
