using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Circulation;

public sealed class FineAccrualTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accrue_OverdueLoanStillOut_CreatesOneAccruingFineInTheBalanceThatTheCheckinThenFixes()
    {
        // Arrange: a loan 4 days late, 0.50 € a day.
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { FinePerDay = 0.50m });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();
        var loan = await seed.PastLoanAsync(item, patron, DateTime.UtcNow.AddDays(-4));
        var accrual = new FineAccrual(database.Factory, TimeProvider.System);

        // Act: the nightly run, twice (the second has nothing to change for this loan), then the item comes back.
        await accrual.AccrueAsync(CirculationSeed.Librarian, Ct);
        Fine accruing;
        await using (var db = database.CreateContext())
        {
            accruing = await db.Fines.AsNoTracking().SingleAsync(f => f.LoanId == loan.Id, Ct);
            Assert.Equal(FineStatus.Accruing, accruing.Status);
            Assert.InRange(accruing.Amount, 1.50m, 2.00m);
            Assert.Equal(accruing.Amount, (await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).Balance);
        }

        await accrual.AccrueAsync(CirculationSeed.Librarian, Ct);
        var checkin = await seed.Desk.CheckInAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);

        // Assert: still one fine for the loan, now final at the checkin's amount.
        Assert.True(checkin.Succeeded);
        await using var check = database.CreateContext();
        var fine = await check.Fines.SingleAsync(f => f.LoanId == loan.Id, Ct);
        Assert.Equal(accruing.Id, fine.Id);
        Assert.Equal(FineStatus.Open, fine.Status);
        Assert.Equal(checkin.Value!.OverdueDays * 0.50m, fine.Amount);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.ObjectId == fine.Id && a.Action == "fine_created", Ct));
    }

    [Fact]
    public async Task Accrue_LoanNotYetDue_ChargesNothing()
    {
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { FinePerDay = 0.50m });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();
        var loan = await seed.PastLoanAsync(item, patron, DateTime.UtcNow.AddDays(3));

        await new FineAccrual(database.Factory, TimeProvider.System).AccrueAsync(CirculationSeed.Librarian, Ct);

        await using var db = database.CreateContext();
        Assert.False(await db.Fines.AnyAsync(f => f.LoanId == loan.Id, Ct));
    }
}
