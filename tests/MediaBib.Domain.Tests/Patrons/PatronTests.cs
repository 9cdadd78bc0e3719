using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;

namespace MediaBib.Domain.Tests.Patrons;

public sealed class PatronTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void Register_CategoryOfSixMonths_SubscribesFromToday()
    {
        var category = new PatronCategory("JEUNE", "Jeunesse");
        category.SetMembership(6, 0m, null, 17);

        var patron = Patron.Register(Guid.NewGuid(), category, CardNumber.From("C00000777"), "Gavroche", "Thénardier", Today);

        Assert.Equal(new DateOnly(2027, 5, 30), patron.ExpiresOn);
        Assert.Equal(category.Id, patron.CategoryId);
        Assert.False(patron.IsExpired(Today));
    }

    [Fact]
    public void WithdrawConsent_AfterConsent_ClearsDateAndVersion()
    {
        var patron = Patron.Register(Guid.NewGuid(), new PatronCategory("ADULTE", "Adulte"), CardNumber.From("C00000778"), "Marius", "Pontmercy", Today);
        patron.GiveConsent(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), "2026-01");

        patron.WithdrawConsent();

        Assert.Null(patron.GdprConsentAt);
        Assert.Null(patron.GdprConsentVersion);
    }
}
