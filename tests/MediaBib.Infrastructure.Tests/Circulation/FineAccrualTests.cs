using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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

    [Fact]
    public async Task CheckIn_AccrualCommitsItsFineBetweenTheCheckinsReadAndSave_LeavesOneFineClosedByTheCheckin()
    {
        // Arrange: a loan 4 days late; another session (standing in for the nightly accrual) has written the loan's
        // accruing fine but not yet committed it, so the checkin reads "no accruing fine".
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { FinePerDay = 0.50m });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();
        var loan = await seed.PastLoanAsync(item, patron, DateTime.UtcNow.AddDays(-4));
        await using var accrual = new NpgsqlConnection(database.ConnectionString);
        await accrual.OpenAsync(Ct);
        await using var tx = await accrual.BeginTransactionAsync(Ct);
        var accruingId = await InsertOverdueFineAsync(accrual, tx, loan.Id, "Accruing", 1.50m);

        // Act: the checkin reads, then waits at its save on the accrual's fine; the accrual commits; the checkin goes on.
        var checkin = seed.Desk.CheckInAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);
        await WaitUntilBlockedAsync(accrual, Ct);
        await tx.CommitAsync(Ct);
        var outcome = await checkin;

        // Assert: one overdue fine, the accrual's, made final by the checkin; the balance is that fine.
        Assert.True(outcome.Succeeded);
        await using var db = database.CreateContext();
        var fine = await db.Fines.AsNoTracking().SingleAsync(f => f.LoanId == loan.Id, Ct);
        Assert.Equal(accruingId, fine.Id);
        Assert.Equal(FineStatus.Open, fine.Status);
        Assert.Equal(outcome.Value!.OverdueDays * 0.50m, fine.Amount);
        Assert.Equal(fine.Amount, (await db.Patrons.AsNoTracking().SingleAsync(p => p.Id == patron.Id, Ct)).Balance);
    }

    [Fact]
    public async Task Accrue_CheckinCommitsItsFineWhileTheAccrualRuns_AddsNoSecondFine()
    {
        // Arrange: a loan 4 days late being checked in by another session that has written its final fine and closed
        // the loan but not yet committed: the accrual still reads the loan as open and without a fine.
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { FinePerDay = 0.50m });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();
        var loan = await seed.PastLoanAsync(item, patron, DateTime.UtcNow.AddDays(-4));
        await using var desk = new NpgsqlConnection(database.ConnectionString);
        await desk.OpenAsync(Ct);
        await using var tx = await desk.BeginTransactionAsync(Ct);
        var finalId = await InsertOverdueFineAsync(desk, tx, loan.Id, "Open", 2.00m);
        await using (var close = new NpgsqlCommand("UPDATE loans SET returned_at = now() WHERE id = @loan", desk, tx))
        {
            close.Parameters.AddWithValue("loan", loan.Id);
            await close.ExecuteNonQueryAsync(Ct);
        }

        // Act: the accrual runs (held by the uncommitted fine at its save), then the checkin commits.
        var run = new FineAccrual(database.Factory, TimeProvider.System).AccrueAsync(CirculationSeed.Librarian, Ct);
        await WaitUntilBlockedAsync(desk, Ct);
        await tx.CommitAsync(Ct);
        await run;

        // Assert: the checkin's fine only.
        await using var db = database.CreateContext();
        var fine = await db.Fines.AsNoTracking().SingleAsync(f => f.LoanId == loan.Id, Ct);
        Assert.Equal(finalId, fine.Id);
    }

    // An overdue fine for the loan written by another session (uncommitted until the caller commits); returns its id.
    private static async Task<Guid> InsertOverdueFineAsync(NpgsqlConnection connection, NpgsqlTransaction tx, Guid loanId, string status, decimal amount)
    {
        var id = Guid.CreateVersion7();
        await using var command = new NpgsqlCommand("""
            INSERT INTO fines (id, patron_id, loan_id, item_id, kind, status, amount, amount_paid, amount_waived, description, created_at, updated_at)
            SELECT @fine, patron_id, id, item_id, 'Overdue', @status, @amount, 0, 0, 'Retard', now(), now() FROM loans WHERE id = @loan
            """, connection, tx);
        command.Parameters.AddWithValue("fine", id);
        command.Parameters.AddWithValue("loan", loanId);
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("amount", amount);
        await command.ExecuteNonQueryAsync(Ct);
        return id;
    }

    // Until a session waits on a lock the blocker holds (the operation under test reached its save).
    private async Task WaitUntilBlockedAsync(NpgsqlConnection blocker, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var query = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE @blocker = ANY(pg_blocking_pids(pid))", connection);
            query.Parameters.AddWithValue("blocker", blocker.ProcessID);
            if ((long)(await query.ExecuteScalarAsync(ct))! > 0)
            {
                return;
            }

            await Task.Delay(20, ct);
        }

        throw new TimeoutException("The operation under test never waited on the other session's lock.");
    }
}
