using MediaBib.Domain.Notifications;

namespace MediaBib.Domain.Tests.Notifications;

public sealed class NoticeChannelPreferenceTests
{
    private static readonly NoticeChannel[] LibraryOrder = [NoticeChannel.Email, NoticeChannel.Sms, NoticeChannel.Letter];

    [Fact]
    public void Apply_PreferredChannelAvailable_GoesFirstOthersKeepTheirOrder()
    {
        Assert.Equal([NoticeChannel.Letter, NoticeChannel.Email, NoticeChannel.Sms], NoticeChannelPreference.Apply(LibraryOrder, NoticeChannel.Letter));
    }

    [Fact]
    public void Apply_NoPreference_KeepsTheLibrarysOrder()
    {
        Assert.Equal(LibraryOrder, NoticeChannelPreference.Apply(LibraryOrder, null));
    }

    [Fact]
    public void Apply_PreferredChannelNotAllowedHere_IsNotAdded()
    {
        Assert.Equal([NoticeChannel.Email, NoticeChannel.Letter],
            NoticeChannelPreference.Apply([NoticeChannel.Email, NoticeChannel.Letter], NoticeChannel.Sms));
    }
}
