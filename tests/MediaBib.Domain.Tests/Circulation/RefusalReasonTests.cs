using MediaBib.Domain.Circulation;

namespace MediaBib.Domain.Tests.Circulation;

public sealed class RefusalReasonTests
{
    [Fact]
    public void Code_EveryReason_UniqueDottedSnakeCase()
    {
        var codes = Enum.GetValues<RefusalReason>().Select(r => r.Code()).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^[a-z]+(\\.[a-z_]+)+$", c));
    }

    [Fact]
    public void French_EveryReason_HasSentence()
    {
        Assert.All(Enum.GetValues<RefusalReason>(), r => Assert.EndsWith(".", RefusalMessages.French(r), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RefusalReason.ItemNotAvailable, false)]
    [InlineData(RefusalReason.PatronBlockedManual, false)]
    [InlineData(RefusalReason.PatronMaxLoans, true)]
    [InlineData(RefusalReason.LoanRenewalOnHold, true)]
    public void CanOverride_Reason_MatchesPolicy(RefusalReason reason, bool expected)
    {
        Assert.Equal(expected, reason.CanOverride());
    }
}
