using MediaBib.Domain.Common;

namespace MediaBib.Domain.Circulation;

/// <summary>Unit of a loan or renewal period.</summary>
public enum LoanPeriodUnit
{
    Days,
    Hours,
}

/// <summary>Where an item goes after a return at another library.</summary>
public enum ReturnPolicy
{
    /// <summary>Back to its home library (transit).</summary>
    Home,

    /// <summary>Stays where it was returned ("collection flottante").</summary>
    Float,
}

/// <summary>
/// One line of the circulation rules matrix: library × patron category × item type, each axis null meaning "any".
/// Every value is optional; an unset value is inherited from the next less specific rule (see
/// <see cref="CirculationPolicy.Resolve"/>).
/// </summary>
public sealed class CirculationRule : Entity
{
    private CirculationRule()
    {
    }

    public CirculationRule(Guid? libraryId, Guid? patronCategoryId, Guid? itemTypeId, CirculationRuleValues values)
    {
        LibraryId = libraryId;
        PatronCategoryId = patronCategoryId;
        ItemTypeId = itemTypeId;
        Change(values);
    }

    public Guid? LibraryId { get; private set; }

    public Guid? PatronCategoryId { get; private set; }

    public Guid? ItemTypeId { get; private set; }

    public CirculationRuleValues Values { get; private set; } = new();

    /// <summary>How many axes the rule names (0 = the network-wide default rule, 3 = fully specific).</summary>
    public int Specificity => (LibraryId is null ? 0 : 1) + (PatronCategoryId is null ? 0 : 1) + (ItemTypeId is null ? 0 : 1);

    /// <summary>Whether the rule applies; a null category or item type argument matches only "any" rules.</summary>
    public bool Matches(Guid libraryId, Guid? patronCategoryId, Guid? itemTypeId) =>
        (LibraryId is null || LibraryId == libraryId)
        && (PatronCategoryId is null || PatronCategoryId == patronCategoryId)
        && (ItemTypeId is null || ItemTypeId == itemTypeId);

    public override string ToAuditLabel() => $"Règle de prêt {Id}";

    public void Change(CirculationRuleValues values) => Values = values.Validated();
}

/// <summary>
/// The values a circulation rule may set. Null means "not set here: inherit". Periods are in
/// <see cref="LoanPeriodUnit"/>; money is in euros.
/// </summary>
public sealed record CirculationRuleValues
{
    public int? LoanPeriod { get; init; }

    public LoanPeriodUnit? LoanPeriodUnit { get; init; }

    /// <summary>No loan of this kind is due after this date (end of school year, exhibition).</summary>
    public DateOnly? HardDueDate { get; init; }

    public int? MaxLoans { get; init; }

    public int? MaxLoansPerItemType { get; init; }

    public int? MaxOnSiteLoans { get; init; }

    public int? RenewalsAllowed { get; init; }

    public int? RenewalPeriod { get; init; }

    /// <summary>A renewal is refused while the due date is more than this many days away.</summary>
    public int? NoRenewalBeforeDays { get; init; }

    /// <summary>A renewal is refused when the loan is overdue by more than this many days.</summary>
    public int? RenewalOverdueLimitDays { get; init; }

    public decimal? FinePerDay { get; init; }

    public int? GraceDays { get; init; }

    public decimal? FineCapPerItem { get; init; }

    public bool? CapAtReplacementPrice { get; init; }

    public int? SuspensionDaysPerOverdueDay { get; init; }

    public int? MaxSuspensionDays { get; init; }

    /// <summary>Checkout is blocked when the patron owes more than this (euros).</summary>
    public decimal? FineBlockThreshold { get; init; }

    /// <summary>Checkout is blocked when one of the patron's loans is overdue by more than this many days.</summary>
    public int? OverdueBlockDays { get; init; }

    public int? MaxHolds { get; init; }

    public int? MaxHoldsPerRecord { get; init; }

    public int? HoldPickupDelayDays { get; init; }

    public bool? HoldsAllowed { get; init; }

    public ReturnPolicy? ReturnPolicy { get; init; }

    /// <summary>Charge the replacement price when a loaned item is declared lost.</summary>
    public bool? ChargeReplacementWhenLost { get; init; }

    /// <summary>Refund the lost-item charge when the item is found.</summary>
    public bool? RefundWhenFound { get; init; }

    /// <summary>Checks ranges; throws <see cref="ValidationException"/> naming the field.</summary>
    public CirculationRuleValues Validated()
    {
        Positive(LoanPeriod, nameof(LoanPeriod));
        Positive(RenewalPeriod, nameof(RenewalPeriod));
        NotNegative(MaxLoans, nameof(MaxLoans));
        NotNegative(MaxLoansPerItemType, nameof(MaxLoansPerItemType));
        NotNegative(MaxOnSiteLoans, nameof(MaxOnSiteLoans));
        NotNegative(RenewalsAllowed, nameof(RenewalsAllowed));
        NotNegative(NoRenewalBeforeDays, nameof(NoRenewalBeforeDays));
        NotNegative(RenewalOverdueLimitDays, nameof(RenewalOverdueLimitDays));
        NotNegative(GraceDays, nameof(GraceDays));
        NotNegative(SuspensionDaysPerOverdueDay, nameof(SuspensionDaysPerOverdueDay));
        NotNegative(MaxSuspensionDays, nameof(MaxSuspensionDays));
        NotNegative(OverdueBlockDays, nameof(OverdueBlockDays));
        NotNegative(MaxHolds, nameof(MaxHolds));
        NotNegative(MaxHoldsPerRecord, nameof(MaxHoldsPerRecord));
        NotNegative(HoldPickupDelayDays, nameof(HoldPickupDelayDays));
        NotNegative(FinePerDay, nameof(FinePerDay));
        NotNegative(FineCapPerItem, nameof(FineCapPerItem));
        NotNegative(FineBlockThreshold, nameof(FineBlockThreshold));
        return this;
    }

    private static void Positive(int? value, string field)
    {
        if (value is < 1)
        {
            throw new ValidationException(field, ValidationError.OutOfRange);
        }
    }

    private static void NotNegative(int? value, string field)
    {
        if (value is < 0)
        {
            throw new ValidationException(field, ValidationError.Negative);
        }
    }

    private static void NotNegative(decimal? value, string field)
    {
        if (value is < 0)
        {
            throw new ValidationException(field, ValidationError.Negative);
        }
    }
}
