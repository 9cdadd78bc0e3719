using MediaBib.Domain.Common;

namespace MediaBib.Domain.Fines;

public enum FineKind
{
    Overdue,
    LostItem,
    Damage,
    Membership,
    Manual,
}

public enum FineStatus
{
    /// <summary>Overdue fine still growing because the item is not back yet.</summary>
    Accruing,
    Open,
    Paid,
    Waived,

    /// <summary>Cancelled because the lost item was found and the policy refunds.</summary>
    Refunded,
}

public enum PaymentMethod
{
    Cash,
    Card,
    Cheque,
    Online,
    Waiver,
}

/// <summary>
/// Money a patron owes (euros, exact decimal). Payments may be partial and may happen while an overdue fine still
/// accrues: the amount grows, what was paid stays paid.
/// </summary>
public sealed class Fine : Entity
{
    private readonly List<FinePayment> _payments = [];

    private Fine()
    {
    }

    public Fine(Guid patronId, FineKind kind, decimal amount, string description, Guid? loanId = null, Guid? itemId = null, bool accruing = false)
    {
        PatronId = patronId;
        Kind = kind;
        Amount = Guard.NotNegative(amount, nameof(Amount));
        Description = Guard.Required(description, nameof(Description), 500);
        LoanId = loanId;
        ItemId = itemId;
        Status = accruing ? FineStatus.Accruing : FineStatus.Open;
        Raise(new FineCreated(Id, patronId, kind.ToString(), Amount));
    }

    public Guid? PatronId { get; private set; }

    public Guid? LoanId { get; private set; }

    public Guid? ItemId { get; private set; }

    public FineKind Kind { get; private set; }

    public FineStatus Status { get; private set; }

    public decimal Amount { get; private set; }

    public decimal AmountPaid { get; private set; }

    public decimal AmountWaived { get; private set; }

    public string Description { get; private set; } = "";

    public DateTime? ClosedAt { get; private set; }

    public IReadOnlyList<FinePayment> Payments => _payments;

    public decimal Outstanding => Math.Max(0, Amount - AmountPaid - AmountWaived);

    public bool IsOpen => Status is FineStatus.Accruing or FineStatus.Open;

    /// <summary>Updates an accruing fine's amount; never below what was already settled.</summary>
    public void Accrue(decimal amount)
    {
        if (Status != FineStatus.Accruing)
        {
            throw new DomainException("Only an accruing fine grows.");
        }

        Amount = Math.Max(amount, AmountPaid + AmountWaived);
    }

    /// <summary>The item came back: the amount is final.</summary>
    public void StopAccruing(decimal finalAmount, DateTime utcNow)
    {
        if (Status != FineStatus.Accruing)
        {
            return;
        }

        Amount = Math.Max(finalAmount, AmountPaid + AmountWaived);
        Status = FineStatus.Open;
        CloseIfSettled(utcNow);
    }

    public FinePayment Pay(decimal amount, PaymentMethod method, DateTime utcNow, Guid? staffUserId)
    {
        if (amount <= 0)
        {
            throw new ValidationException("amount", ValidationError.OutOfRange);
        }

        if (!IsOpen || (Status == FineStatus.Open && amount > Outstanding))
        {
            throw new ValidationException("amount", ValidationError.OutOfRange);
        }

        var payment = new FinePayment(Id, amount, method, utcNow, staffUserId);
        _payments.Add(payment);
        if (method == PaymentMethod.Waiver)
        {
            AmountWaived += amount;
        }
        else
        {
            AmountPaid += amount;
        }

        CloseIfSettled(utcNow);
        Raise(new FinePaid(Id, PatronId, amount, method.ToString(), Outstanding));
        return payment;
    }

    public void Refund(DateTime utcNow)
    {
        Status = FineStatus.Refunded;
        ClosedAt = utcNow;
    }

    public void Anonymize() => PatronId = IsOpen ? throw new DomainException("Cannot anonymise an open fine.") : null;

    private void CloseIfSettled(DateTime utcNow)
    {
        if (Status == FineStatus.Open && Outstanding == 0)
        {
            Status = AmountPaid == 0 && AmountWaived > 0 ? FineStatus.Waived : FineStatus.Paid;
            ClosedAt = utcNow;
        }
    }
}

/// <summary>A payment (or waiver) against a fine.</summary>
public sealed class FinePayment : Entity
{
    private FinePayment()
    {
    }

    internal FinePayment(Guid fineId, decimal amount, PaymentMethod method, DateTime paidAt, Guid? staffUserId)
    {
        FineId = fineId;
        Amount = amount;
        Method = method;
        PaidAt = paidAt;
        StaffUserId = staffUserId;
    }

    public Guid FineId { get; private set; }

    public decimal Amount { get; private set; }

    public PaymentMethod Method { get; private set; }

    public DateTime PaidAt { get; private set; }

    public Guid? StaffUserId { get; private set; }
}
