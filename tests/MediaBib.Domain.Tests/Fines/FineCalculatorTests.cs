using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Tests.Builders;

namespace MediaBib.Domain.Tests.Fines;

public sealed class FineCalculatorTests
{
    // Due Tuesday 3 March; returned Tuesday 10 March: Wed, Thu, Fri, Sat, Tue are open (Sun, Mon closed) = 5 days.
    private static readonly DateTime Due = LibraryTime.EndOfDayUtc(new DateOnly(2026, 3, 3));
    private static readonly DateTime Returned = new(2026, 3, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Overdue_ClosedDays_DoNotCount()
    {
        var charge = FineCalculator.Overdue(World.Policy(new() { FinePerDay = 0.20m }), World.TuesdayToSaturday(), Due, Returned, null);

        Assert.Equal(5, charge.OverdueDays);
        Assert.Equal(1.00m, charge.Amount);
    }

    [Fact]
    public void Overdue_WithinGrace_ChargesOnlyDaysBeyondGrace()
    {
        var charge = FineCalculator.Overdue(World.Policy(new() { FinePerDay = 0.20m, GraceDays = 2 }), World.TuesdayToSaturday(), Due, Returned, null);

        Assert.Equal(3, charge.ChargeableDays);
        Assert.Equal(0.60m, charge.Amount);
    }

    [Fact]
    public void Overdue_AboveCaps_CappedPerItemAndAtPrice()
    {
        var perItem = FineCalculator.Overdue(World.Policy(new() { FinePerDay = 1m, FineCapPerItem = 3m }), World.TuesdayToSaturday(), Due, Returned, null);
        var atPrice = FineCalculator.Overdue(World.Policy(new() { FinePerDay = 1m }), World.TuesdayToSaturday(), Due, Returned, 2.50m);

        Assert.Equal(3m, perItem.Amount);
        Assert.Equal(2.50m, atPrice.Amount);
    }

    [Fact]
    public void Overdue_ReturnedOnTime_NoCharge()
    {
        var charge = FineCalculator.Overdue(World.Policy(new() { FinePerDay = 1m }), World.TuesdayToSaturday(), Due, Due.AddHours(-1), null);

        Assert.Equal(OverdueCharge.None, charge);
    }

    [Fact]
    public void Overdue_SuspensionRule_SuspendsPerDayUpToMax()
    {
        var policy = World.Policy(new() { SuspensionDaysPerOverdueDay = 2, MaxSuspensionDays = 8 });

        var charge = FineCalculator.Overdue(policy, World.TuesdayToSaturday(), Due, Returned, null);

        Assert.Equal(8, charge.SuspensionDays);
        Assert.Equal(new DateOnly(2026, 3, 18), FineCalculator.SuspendedUntil(charge, new DateOnly(2026, 3, 10)));
    }

    [Fact]
    public void Pay_PartialOnAccruingFine_KeepsAccruingAndGrows()
    {
        var fine = new Fine(Guid.CreateVersion7(), FineKind.Overdue, 1m, "Retard", accruing: true);

        fine.Pay(0.50m, PaymentMethod.Cash, World.Now, null);
        fine.Accrue(2m);

        Assert.Equal(FineStatus.Accruing, fine.Status);
        Assert.Equal(1.50m, fine.Outstanding);
        Assert.Contains(fine.DomainEvents, e => e.Type == "fine.paid");
    }
}
