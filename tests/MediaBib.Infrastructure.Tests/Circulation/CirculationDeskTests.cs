using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Circulation;

public sealed class CirculationDeskTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckOut_AvailableItem_CreatesLoanWithAuditAndOutboxInSameSave()
    {
        // Arrange
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { LoanPeriod = 14 });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();

        // Act
        var outcome = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, patron.CardNumber.Value, item.Barcode.Value, ct: Ct);

        // Assert
        Assert.True(outcome.Succeeded);
        await using var db = database.CreateContext();
        var loan = await db.Loans.SingleAsync(l => l.ItemId == item.Id, Ct);
        Assert.Equal(outcome.Value!.LoanId, loan.Id);
        Assert.Equal(LibraryTime.Today(DateTime.UtcNow).AddDays(14), LibraryTime.Today(loan.DueAt));
        Assert.Equal(ItemStatus.OnLoan, (await db.Items.SingleAsync(i => i.Id == item.Id, Ct)).Status);
        var audit = await db.AuditEntries.SingleAsync(a => a.ObjectId == loan.Id && a.Action == "checkout", Ct);
        Assert.Equal("bibliothecaire", audit.Actor);
        // One row for the checkout: the loan it created and its item's status change, not a second row for the item.
        Assert.Contains("Item.Status", audit.ChangedFields);
        using (var after = System.Text.Json.JsonDocument.Parse(audit.After!))
        using (var before = System.Text.Json.JsonDocument.Parse(audit.Before!))
        {
            Assert.Equal(nameof(ItemStatus.OnLoan), after.RootElement.GetProperty("Item.Status").GetString());
            Assert.Equal(nameof(ItemStatus.Available), before.RootElement.GetProperty("Item.Status").GetString());
        }

        Assert.Contains("DueAt", audit.ChangedFields);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ObjectId == item.Id && a.Action == "update", Ct));
        Assert.Equal(1, await CirculationSeed.OutboxCountAsync(db, "loan.created", loan.Id));
    }

    [Fact]
    public async Task CheckOut_ExpiredPatron_RefusedWithoutWriting()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync(expiresOn: new DateOnly(2020, 1, 1));

        var outcome = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, patron.CardNumber.Value, item.Barcode.Value, ct: Ct);

        Assert.Equal([RefusalReason.PatronExpired], outcome.Refusals);
        await using var db = database.CreateContext();
        Assert.False(await db.Loans.AnyAsync(l => l.ItemId == item.Id, Ct));
    }

    [Fact]
    public async Task CheckOut_OverrideByStaff_LendsAndAuditsReason()
    {
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { MaxLoans = 0 });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();

        var outcome = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, patron.Id.ToString(), item.Barcode.Value, "Accord de la direction", ct: Ct);

        Assert.Equal([RefusalReason.PatronMaxLoans], outcome.Value!.Overridden);
        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.ObjectId == outcome.Value.LoanId && a.Action == "checkout_override", Ct);
        Assert.Contains("Accord de la direction", audit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckOut_UnknownBarcodeOrPatron_RefusedWithReason()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();

        var unknownItem = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, "NOBODY", "NOPE-404", ct: Ct);
        var unknownPatron = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, "NOBODY", item.Barcode.Value, ct: Ct);

        Assert.Equal([RefusalReason.ItemUnknown], unknownItem.Refusals);
        Assert.Equal([RefusalReason.PatronUnknown], unknownPatron.Refusals);
    }

    [Fact]
    public async Task CheckIn_LateReturn_ChargesFineKeepsBalanceInStepAndSuspends()
    {
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { FinePerDay = 0.50m, SuspensionDaysPerOverdueDay = 1, MaxSuspensionDays = 30 });
        var item = await seed.ItemAsync();
        var patron = await seed.PatronAsync();
        var loan = await seed.PastLoanAsync(item, patron, DateTime.UtcNow.AddDays(-4));

        var outcome = await seed.Desk.CheckInAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);

        // Open every day (no hours configured): 3 or 4 overdue days depending on the hour.
        Assert.True(outcome.Succeeded);
        Assert.Equal(loan.Id, outcome.Value!.LoanId);
        Assert.Equal(ItemDestination.Shelf, outcome.Value.Destination);
        Assert.InRange(outcome.Value.OverdueDays, 3, 4);
        await using var db = database.CreateContext();
        var fine = await db.Fines.SingleAsync(f => f.LoanId == loan.Id, Ct);
        Assert.Equal(outcome.Value.OverdueDays * 0.50m, fine.Amount);
        var reloaded = await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct);
        Assert.Equal(fine.Amount, reloaded.Balance);
        Assert.Equal(outcome.Value.SuspendedUntil, reloaded.SuspendedUntil);
        Assert.Equal(1, await CirculationSeed.OutboxCountAsync(db, "loan.returned", loan.Id));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == fine.Id && a.Action == "fine_created", Ct));
    }

    [Fact]
    public async Task CheckIn_HoldForOtherLibrary_TransitsThenReceiveTrapsHold()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();
        var borrower = await seed.PatronAsync();
        var waiting = await seed.PatronAsync();
        await seed.PastLoanAsync(item, borrower, DateTime.UtcNow.AddDays(5));
        var hold = await seed.Holds.PlaceAsync(CirculationSeed.Librarian, waiting.Id, seed.Record.Id, seed.Annexe.Id, ct: Ct);

        var checkin = await seed.Desk.CheckInAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);
        var receipt = await seed.Desk.ReceiveTransitAsync(CirculationSeed.Librarian, seed.Annexe.Id, item.Barcode.Value, Ct);

        Assert.Equal(ItemDestination.TransitToPickup, checkin.Value!.Destination);
        Assert.Equal(seed.Annexe.Id, checkin.Value.DestinationLibraryId);
        Assert.Equal(ItemDestination.HoldShelf, receipt.Value!.Destination);
        await using var db = database.CreateContext();
        var reloaded = await db.Holds.SingleAsync(h => h.Id == hold.Value!.HoldId, Ct);
        Assert.Equal(HoldStatus.Waiting, reloaded.Status);
        Assert.NotNull(reloaded.PickupDeadline);
        Assert.Equal(1, await CirculationSeed.OutboxCountAsync(db, "hold.waiting", reloaded.Id));

        var other = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Annexe.Id, borrower.Id.ToString(), item.Barcode.Value, ct: Ct);
        var pickup = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Annexe.Id, waiting.Id.ToString(), item.Barcode.Value, ct: Ct);
        Assert.Equal([RefusalReason.ItemOnHoldForOther], other.Refusals);
        Assert.Equal(hold.Value!.HoldId, pickup.Value!.FulfilledHoldId);
    }

    [Fact]
    public async Task CheckIn_ItemNotOnLoan_ShelvesCleanly()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync();

        var outcome = await seed.Desk.CheckInAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);

        Assert.True(outcome.Succeeded);
        Assert.False(outcome.Value!.WasOnLoan);
        Assert.Equal(ItemDestination.Shelf, outcome.Value.Destination);
    }

    [Fact]
    public async Task Renew_OtherPatronHolds_RefusedThenRenewAllRenewsRest()
    {
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { RenewalsAllowed = 1 });
        var patron = await seed.PatronAsync();
        var item = await seed.ItemAsync();
        var loan = await seed.PastLoanAsync(item, patron, DateTime.UtcNow.AddDays(2));

        var first = await seed.Desk.RenewAsync(CirculationSeed.Librarian, loan.Id, ct: Ct);
        var second = await seed.Desk.RenewAsync(CirculationSeed.Librarian, loan.Id, ct: Ct);
        var all = await seed.Desk.RenewAllAsync(CirculationSeed.Librarian, patron.Id, Ct);

        Assert.True(first.Succeeded);
        Assert.True(first.Value!.DueAt > loan.DueAt);
        Assert.Equal([RefusalReason.LoanRenewalLimit], second.Refusals);
        Assert.Equal([RefusalReason.LoanRenewalLimit], Assert.Single(all.Loans).Outcome.Refusals);
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == loan.Id && a.Action == "renewal", Ct));
    }

    [Fact]
    public async Task MarkLost_LoanedItem_ChargesPriceAndFoundRefunds()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var item = await seed.ItemAsync(price: 24.90m);
        var patron = await seed.PatronAsync();
        await seed.PastLoanAsync(item, patron, DateTime.UtcNow.AddDays(3));

        var lost = await seed.Desk.MarkLostAsync(CirculationSeed.Librarian, item.Barcode.Value, Ct);
        decimal balanceAfterLoss;
        await using (var db = database.CreateContext())
        {
            balanceAfterLoss = (await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).Balance;
        }

        var found = await seed.Desk.MarkFoundAsync(CirculationSeed.Librarian, seed.Centre.Id, item.Barcode.Value, Ct);

        Assert.Equal(24.90m, lost.Value!.ChargedAmount);
        Assert.Equal(24.90m, balanceAfterLoss);
        Assert.Equal(ItemDestination.Shelf, found.Value!.Destination);
        Assert.Equal([lost.Value.ChargeId!.Value], found.Value.RefundedFineIds);
        await using var after = database.CreateContext();
        Assert.Equal(0m, (await after.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).Balance);
        Assert.Equal(FineStatus.Refunded, (await after.Fines.SingleAsync(f => f.Id == lost.Value.ChargeId, Ct)).Status);
        Assert.Equal(ItemStatus.Available, (await after.Items.SingleAsync(i => i.Id == item.Id, Ct)).Status);
    }
}
