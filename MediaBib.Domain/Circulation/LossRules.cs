using MediaBib.Domain.Fines;
using MediaBib.Domain.Items;

namespace MediaBib.Domain.Circulation;

/// <summary>Items declared lost, and found again.</summary>
public static class LossRules
{
    /// <summary>
    /// Declares an item lost. A loaned item's loan ends (returned as lost, at its lending library), an accruing overdue
    /// fine stops, and the replacement price is charged when the rule says so. Returns the new charge, if any.
    /// </summary>
    public static Fine? DeclareLost(Item item, Loan? loan, CirculationPolicy? loanPolicy, Fine? accruingFine, DateTime utcNow)
    {
        item.MarkLost(utcNow);
        if (loan is not { IsOpen: true })
        {
            return null;
        }

        loan.Return(utcNow, loan.LibraryId);
        accruingFine?.StopAccruing(accruingFine.Amount, utcNow);
        if (loanPolicy is { ChargeReplacementWhenLost: true } && item.Price is > 0 && loan.PatronId is { } patronId)
        {
            return new Fine(patronId, FineKind.LostItem, item.Price.Value, $"Exemplaire perdu {item.Barcode}", loan.Id, item.Id);
        }

        return null;
    }

    /// <summary>Refunds the open or paid lost-item charges of a found item when the rule says so. Returns those refunded.</summary>
    public static IReadOnlyList<Fine> RefundOnFound(IEnumerable<Fine> lostCharges, CirculationPolicy itemPolicy, DateTime utcNow)
    {
        if (!itemPolicy.RefundWhenFound)
        {
            return [];
        }

        var refunded = lostCharges.Where(f => f.Kind == FineKind.LostItem && f.Status is not (FineStatus.Refunded or FineStatus.Waived)).ToList();
        refunded.ForEach(f => f.Refund(utcNow));
        return refunded;
    }
}
