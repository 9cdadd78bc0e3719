using MediaBib.Domain.Circulation;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Tests.Builders;

namespace MediaBib.Domain.Tests.Circulation;

public sealed class CirculationPolicyTests
{
    [Fact]
    public void Resolve_MostSpecificRuleWins_UnsetFieldsInheritedFromLessSpecific()
    {
        // Arrange
        var network = new CirculationRule(null, null, null, new() { LoanPeriod = 28, RenewalsAllowed = 3, FinePerDay = 0.10m });
        var library = new CirculationRule(World.Centre, null, null, new() { LoanPeriod = 21 });
        var exact = new CirculationRule(World.Centre, World.Adult.Id, World.Dvd.Id, new() { LoanPeriod = 7 });

        // Act
        var policy = CirculationPolicy.Resolve([network, exact, library], World.Centre, World.Adult, World.Dvd.Id);

        // Assert
        Assert.Equal(7, policy.LoanPeriod);
        Assert.Equal(new PolicySource(PolicySourceKind.Rule, exact.Id), policy.Sources[nameof(CirculationRuleValues.LoanPeriod)]);
        Assert.Equal(3, policy.RenewalsAllowed);
        Assert.Equal(new PolicySource(PolicySourceKind.Rule, network.Id), policy.Sources[nameof(CirculationRuleValues.RenewalsAllowed)]);
        Assert.Equal(0.10m, policy.FinePerDay);
    }

    [Fact]
    public void Resolve_RuleForOtherLibraryOrType_IsIgnored()
    {
        var other = new CirculationRule(World.Annexe, null, null, new() { LoanPeriod = 3 });
        var dvd = new CirculationRule(null, null, World.Dvd.Id, new() { LoanPeriod = 5 });

        var policy = CirculationPolicy.Resolve([other, dvd], World.Centre, World.Adult, World.Book.Id);

        Assert.Equal(World.Adult.LoanDays, policy.LoanPeriod);
        Assert.Equal(PolicySourceKind.PatronCategory, policy.Sources[nameof(CirculationRuleValues.LoanPeriod)].Kind);
    }

    [Fact]
    public void Resolve_NoRules_FallsBackToCategoryThenBuiltIn()
    {
        var category = new PatronCategory("JEUNE", "Jeunesse");
        category.SetLoanDefaults(14, 6, 3, 0.05m);

        var policy = CirculationPolicy.Resolve([], World.Centre, category, World.Book.Id);

        Assert.Equal(14, policy.LoanPeriod);
        Assert.Equal(6, policy.MaxLoans);
        Assert.Equal(3, policy.MaxHolds);
        Assert.Equal(0.05m, policy.FinePerDay);
        Assert.Equal(PolicySourceKind.BuiltIn, policy.Sources[nameof(CirculationRuleValues.HoldPickupDelayDays)].Kind);
        Assert.Equal(ReturnPolicy.Home, policy.ReturnPolicy);
    }

    [Fact]
    public void Resolve_EqualSpecificity_LibraryBeatsCategory()
    {
        var byLibrary = new CirculationRule(World.Centre, null, null, new() { MaxLoans = 4 });
        var byCategory = new CirculationRule(null, World.Adult.Id, null, new() { MaxLoans = 12 });

        var policy = CirculationPolicy.Resolve([byCategory, byLibrary], World.Centre, World.Adult, null);

        Assert.Equal(4, policy.MaxLoans);
    }

    [Fact]
    public void Change_NegativeValue_ThrowsValidationNamingField()
    {
        var error = Assert.Throws<Common.ValidationException>(() => new CirculationRule(null, null, null, new() { GraceDays = -1 }));

        Assert.Equal("GraceDays", error.Field);
    }
}
