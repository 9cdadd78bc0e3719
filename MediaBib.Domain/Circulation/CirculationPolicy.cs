using System.Reflection;
using MediaBib.Domain.Patrons;

namespace MediaBib.Domain.Circulation;

/// <summary>Where an effective policy value comes from.</summary>
public enum PolicySourceKind
{
    /// <summary>A circulation rule (see <see cref="PolicySource.RuleId"/>).</summary>
    Rule,

    /// <summary>The patron category's defaults (loan days, max loans, max holds, fine per day).</summary>
    PatronCategory,

    /// <summary>MediaBib's built-in default.</summary>
    BuiltIn,
}

public sealed record PolicySource(PolicySourceKind Kind, Guid? RuleId = null);

/// <summary>
/// The effective circulation values for one (library, patron category, item type), every value set. Built by
/// <see cref="Resolve"/>: the most specific matching rule wins, each unset value is inherited from the next less
/// specific rule, then from the patron category, then from the built-in defaults. Specificity is the number of axes a
/// rule names; between rules naming as many axes, library beats patron category, which beats item type.
/// </summary>
public sealed record CirculationPolicy
{
    private static readonly PropertyInfo[] Fields = typeof(CirculationRuleValues)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToArray();

    public required CirculationRuleValues Values { get; init; }

    /// <summary>Source of each value, keyed by <see cref="CirculationRuleValues"/> property name.</summary>
    public required IReadOnlyDictionary<string, PolicySource> Sources { get; init; }

    public int LoanPeriod => Values.LoanPeriod!.Value;

    public LoanPeriodUnit LoanPeriodUnit => Values.LoanPeriodUnit!.Value;

    public DateOnly? HardDueDate => Values.HardDueDate;

    public int MaxLoans => Values.MaxLoans!.Value;

    /// <summary>Null: no limit per item type beyond <see cref="MaxLoans"/>.</summary>
    public int? MaxLoansPerItemType => Values.MaxLoansPerItemType;

    public int? MaxOnSiteLoans => Values.MaxOnSiteLoans;

    public int RenewalsAllowed => Values.RenewalsAllowed!.Value;

    public int RenewalPeriod => Values.RenewalPeriod ?? LoanPeriod;

    public int? NoRenewalBeforeDays => Values.NoRenewalBeforeDays;

    public int? RenewalOverdueLimitDays => Values.RenewalOverdueLimitDays;

    public decimal FinePerDay => Values.FinePerDay!.Value;

    public int GraceDays => Values.GraceDays!.Value;

    public decimal? FineCapPerItem => Values.FineCapPerItem;

    public bool CapAtReplacementPrice => Values.CapAtReplacementPrice!.Value;

    public int SuspensionDaysPerOverdueDay => Values.SuspensionDaysPerOverdueDay!.Value;

    public int? MaxSuspensionDays => Values.MaxSuspensionDays;

    public decimal? FineBlockThreshold => Values.FineBlockThreshold;

    public int? OverdueBlockDays => Values.OverdueBlockDays;

    public int MaxHolds => Values.MaxHolds!.Value;

    public int MaxHoldsPerRecord => Values.MaxHoldsPerRecord!.Value;

    public int HoldPickupDelayDays => Values.HoldPickupDelayDays!.Value;

    public bool HoldsAllowed => Values.HoldsAllowed!.Value;

    public ReturnPolicy ReturnPolicy => Values.ReturnPolicy!.Value;

    public bool ChargeReplacementWhenLost => Values.ChargeReplacementWhenLost!.Value;

    public bool RefundWhenFound => Values.RefundWhenFound!.Value;

    /// <summary>Values used when neither a rule nor the patron category says anything.</summary>
    public static CirculationRuleValues BuiltInDefaults { get; } = new()
    {
        LoanPeriod = 21,
        LoanPeriodUnit = Circulation.LoanPeriodUnit.Days,
        MaxLoans = 10,
        RenewalsAllowed = 2,
        FinePerDay = 0m,
        GraceDays = 0,
        CapAtReplacementPrice = true,
        SuspensionDaysPerOverdueDay = 0,
        FineBlockThreshold = 10m,
        OverdueBlockDays = 30,
        MaxHolds = 5,
        MaxHoldsPerRecord = 1,
        HoldPickupDelayDays = 7,
        HoldsAllowed = true,
        ReturnPolicy = Circulation.ReturnPolicy.Home,
        ChargeReplacementWhenLost = true,
        RefundWhenFound = true,
    };

    /// <summary>
    /// Computes the effective values for a checkout, renewal, hold or return. Pass a null item type for title-level
    /// decisions (holds on a record): then only rules for any item type apply. Pass a null category for decisions about
    /// the item alone (return policy and pickup delay at a checkin): then only rules for any category apply and the
    /// category defaults are skipped.
    /// </summary>
    public static CirculationPolicy Resolve(IEnumerable<CirculationRule> rules, Guid libraryId, PatronCategory? category, Guid? itemType)
    {
        var ordered = rules
            .Where(r => r.Matches(libraryId, category?.Id, itemType))
            .OrderByDescending(r => r.Specificity)
            .ThenByDescending(r => r.LibraryId is not null)
            .ThenByDescending(r => r.PatronCategoryId is not null)
            .ThenBy(r => r.Id)
            .ToList();
        var categoryDefaults = category is null ? new CirculationRuleValues() : new CirculationRuleValues
        {
            LoanPeriod = category.LoanDays,
            MaxLoans = category.MaxLoans,
            MaxHolds = category.MaxHolds,
            FinePerDay = category.FinePerDay,
        };

        var values = new CirculationRuleValues();
        var sources = new Dictionary<string, PolicySource>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var (value, source) = Pick(field, ordered, categoryDefaults);
            field.SetValue(values, value);
            sources[field.Name] = source;
        }

        return new CirculationPolicy { Values = values, Sources = sources };
    }

    private static (object? Value, PolicySource Source) Pick(PropertyInfo field, List<CirculationRule> ordered, CirculationRuleValues categoryDefaults)
    {
        foreach (var rule in ordered)
        {
            if (field.GetValue(rule.Values) is { } fromRule)
            {
                return (fromRule, new PolicySource(PolicySourceKind.Rule, rule.Id));
            }
        }

        if (field.GetValue(categoryDefaults) is { } fromCategory)
        {
            return (fromCategory, new PolicySource(PolicySourceKind.PatronCategory));
        }

        return (field.GetValue(BuiltInDefaults), new PolicySource(PolicySourceKind.BuiltIn));
    }
}
