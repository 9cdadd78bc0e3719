namespace MediaBib.Domain.Circulation;

/// <summary>What the rules need to know about one of the patron's open loans.</summary>
public sealed record OpenLoanInfo(Guid LoanId, Guid ItemId, Guid ItemTypeId, DateTime DueAt, bool IsOnSite);

/// <summary>Staff forcing a refusable operation; the reason is audited.</summary>
public sealed record StaffOverride(string Reason);

/// <summary>Refusals found by a rule, split between those that stop the operation and those staff overrode.</summary>
public sealed record RuleVerdict(IReadOnlyList<RefusalReason> Refusals, IReadOnlyList<RefusalReason> Overridden)
{
    public bool IsAllowed => Refusals.Count == 0;

    /// <summary>Applies an override: every overridable reason moves to <see cref="Overridden"/>.</summary>
    public static RuleVerdict From(IReadOnlyList<RefusalReason> found, StaffOverride? staffOverride)
    {
        if (staffOverride is null || found.Any(r => !r.CanOverride()))
        {
            return new RuleVerdict(found, []);
        }

        return new RuleVerdict([], found);
    }
}
