using MediaBib.Domain.Common;

namespace MediaBib.Domain.Patrons;

/// <summary>
/// A kind of patron (Adulte, Jeunesse, Collectivité…). Holds the defaults that the circulation rules fall back to
/// when no more specific rule says otherwise.
/// </summary>
public sealed class PatronCategory : Entity
{
    private PatronCategory()
    {
    }

    public PatronCategory(string code, string label)
    {
        Code = Guard.Required(code, nameof(Code), 16).ToUpperInvariant();
        Relabel(label);
    }

    public string Code { get; private set; } = "";

    public string Label { get; private set; } = "";

    public int LoanDays { get; private set; } = 21;

    public int MaxLoans { get; private set; } = 10;

    public int MaxHolds { get; private set; } = 5;

    public decimal FinePerDay { get; private set; }

    /// <summary>How long a subscription lasts when a card is created or renewed.</summary>
    public int MembershipMonths { get; private set; } = 12;

    public decimal MembershipFee { get; private set; }

    public int? AgeMin { get; private set; }

    public int? AgeMax { get; private set; }

    public override string ToAuditLabel() => $"{Label} ({Code})";

    public void Relabel(string label) => Label = Guard.Required(label, nameof(Label), 100);

    public void SetLoanDefaults(int loanDays, int maxLoans, int maxHolds, decimal finePerDay)
    {
        LoanDays = loanDays < 1 ? throw new ValidationException(nameof(LoanDays), ValidationError.OutOfRange) : loanDays;
        MaxLoans = Guard.NotNegative(maxLoans, nameof(MaxLoans));
        MaxHolds = Guard.NotNegative(maxHolds, nameof(MaxHolds));
        FinePerDay = Guard.NotNegative(finePerDay, nameof(FinePerDay));
    }

    public void SetMembership(int months, decimal fee, int? ageMin, int? ageMax)
    {
        MembershipMonths = months < 1 ? throw new ValidationException(nameof(MembershipMonths), ValidationError.OutOfRange) : months;
        MembershipFee = Guard.NotNegative(fee, nameof(MembershipFee));
        AgeMin = ageMin;
        AgeMax = ageMax;
    }
}
