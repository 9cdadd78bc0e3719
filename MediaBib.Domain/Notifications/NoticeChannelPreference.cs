namespace MediaBib.Domain.Notifications;

/// <summary>Applies a patron's preferred notice channel to the channels a notice may use.</summary>
public static class NoticeChannelPreference
{
    /// <summary>
    /// The same channels with the preferred one first when it is among them; the others keep their order, so the
    /// fallback sequence stays the library's.
    /// </summary>
    public static List<NoticeChannel> Apply(IReadOnlyList<NoticeChannel> channels, NoticeChannel? preferred) =>
        preferred is { } first && channels.Contains(first)
            ? [first, .. channels.Where(c => c != first)]
            : [.. channels];
}
