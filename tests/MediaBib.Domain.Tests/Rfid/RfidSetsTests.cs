using MediaBib.Domain.Rfid;

namespace MediaBib.Domain.Tests.Rfid;

public sealed class RfidSetsTests
{
    private static RfidTag Tag(string barcode, int part, int size) => new("E004" + barcode + part, barcode, "FR-751131015", part, size, SecurityOn: true);

    [Fact]
    public void Incomplete_CdTwoOfThreeMissing_NamesThatPart()
    {
        var incomplete = RfidSets.Incomplete([Tag("B1", 1, 3), Tag("B1", 3, 3)]);

        var set = Assert.Single(incomplete);
        Assert.Equal(("B1", 3), (set.ItemBarcode, set.SetSize));
        Assert.Equal([2], set.Missing);
    }

    [Fact]
    public void Incomplete_WholeSetsAndSinglePartItems_AreNotReported()
    {
        var incomplete = RfidSets.Incomplete([Tag("B1", 1, 2), Tag("B1", 2, 2), Tag("B2", 1, 1), Tag("B3", 0, 0)]);

        Assert.Empty(incomplete);
    }

    [Fact]
    public void Afi_FollowsTheSecurityBit_FrenchLibraryValues()
    {
        var secured = Tag("B1", 1, 1);

        Assert.Equal(0x07, secured.Afi);
        Assert.Equal(0xC2, (secured with { SecurityOn = false }).Afi);
    }
}
