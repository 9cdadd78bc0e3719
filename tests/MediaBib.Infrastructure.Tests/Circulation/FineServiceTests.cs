using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Circulation;

public sealed class FineServiceTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PayAndWaive_PartialThenRest_BalanceInStepAndAudited()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var patron = await seed.PatronAsync();
        var charge = await seed.Fines.ChargeAsync(CirculationSeed.Librarian, patron.Id, 12.40m, "Carte perdue", Ct);

        var partial = await seed.Fines.PayAsync(CirculationSeed.Librarian, charge.Value!.FineId, 2.40m, PaymentMethod.Cash, Ct);
        var tooMuch = await seed.Fines.PayAsync(CirculationSeed.Librarian, charge.Value.FineId, 50m, PaymentMethod.Cash, Ct);
        decimal midBalance;
        await using (var db = database.CreateContext())
        {
            midBalance = (await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).Balance;
        }

        var waived = await seed.Fines.WaiveAsync(CirculationSeed.Librarian, charge.Value.FineId, null, "Geste commercial", Ct);
        var again = await seed.Fines.PayAsync(CirculationSeed.Librarian, charge.Value.FineId, 1m, PaymentMethod.Cash, Ct);

        Assert.Equal(10m, partial.Value!.Outstanding);
        Assert.Equal([RefusalReason.FineAmountInvalid], tooMuch.Refusals);
        Assert.Equal(10m, midBalance);
        Assert.Equal(nameof(FineStatus.Paid), waived.Value!.Status);
        Assert.Equal([RefusalReason.FineNotOpen], again.Refusals);
        await using var after = database.CreateContext();
        Assert.Equal(0m, (await after.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).Balance);
        Assert.True(await after.AuditEntries.AnyAsync(a => a.ObjectId == charge.Value.FineId && a.Action == "fine_waived", Ct));
        Assert.Equal(1, await CirculationSeed.OutboxCountAsync(after, "fine.created", charge.Value.FineId));
    }

    [Fact]
    public async Task PayAll_AmountAcrossFines_OldestFirst()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var patron = await seed.PatronAsync();
        var older = await seed.Fines.ChargeAsync(CirculationSeed.Librarian, patron.Id, 3m, "Frais A", Ct);
        var newer = await seed.Fines.ChargeAsync(CirculationSeed.Librarian, patron.Id, 5m, "Frais B", Ct);

        var receipts = await seed.Fines.PayAllAsync(CirculationSeed.Librarian, patron.Id, 4m, PaymentMethod.Card, Ct);

        Assert.Equal([older.Value!.FineId, newer.Value!.FineId], receipts.Select(r => r.FineId));
        Assert.Equal(0m, receipts[0].Outstanding);
        Assert.Equal(4m, receipts[1].Outstanding);
        await using var db = database.CreateContext();
        Assert.Equal(4m, (await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).Balance);
    }
}
