using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MediaBib.Infrastructure.Tests.Circulation;

/// <summary>The cached rules and calendars never outlive a committed change.</summary>
public sealed class CirculationSettingsTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckOut_AfterRuleChangedInThisProcess_UsesTheNewLoanPeriod()
    {
        // Arrange: a first checkout fills the cache with a 14-day rule.
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { LoanPeriod = 14 });
        var patron = await seed.PatronAsync();
        var first = await seed.ItemAsync();
        Assert.Equal(14, await LoanDaysAsync(seed, patron, first));

        // Act: the rule becomes 3 days through EF (as the rules page saves it).
        await using (var db = database.CreateContext())
        {
            var rule = await db.Set<CirculationRule>().SingleAsync(r => r.LibraryId == seed.Centre.Id, Ct);
            rule.Change(new CirculationRuleValues { LoanPeriod = 3 });
            await db.SaveChangesAsync(Ct);
        }

        // Assert
        Assert.Equal(3, await LoanDaysAsync(seed, patron, await seed.ItemAsync()));
    }

    [Fact]
    public async Task CheckOut_AfterClosedDayAddedInsideAnExplicitTransaction_MovesTheDueDate()
    {
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { LoanPeriod = 14 });
        var patron = await seed.PatronAsync();
        Assert.Equal(14, await LoanDaysAsync(seed, patron, await seed.ItemAsync()));

        await using (var db = database.CreateContext())
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            var library = await db.Libraries.SingleAsync(l => l.Id == seed.Centre.Id, Ct);
            library.AddClosedDay(LibraryTime.Today(DateTime.UtcNow).AddDays(14), "Inventaire");
            await db.SaveChangesAsync(Ct);
            await tx.CommitAsync(Ct);
        }

        Assert.Equal(15, await LoanDaysAsync(seed, patron, await seed.ItemAsync()));
    }

    [Fact]
    public async Task CheckOut_AfterRuleChangedByAnotherProcess_UsesTheNewLoanPeriodOnceNotified()
    {
        // Another process is played by plain SQL (no interceptor here) followed by its NOTIFY; this process hears it
        // through its outbox dispatcher, as a web node hears the SIP2 worker.
        var seed = await CirculationSeed.CreateAsync(database, new CirculationRuleValues { LoanPeriod = 14 });
        var patron = await seed.PatronAsync();
        using var services = new ServiceCollection().BuildServiceProvider();
        using var dispatcher = new OutboxDispatcher(
            Options.Create(new DatabaseOptions { ConnectionString = database.ConnectionString }),
            Options.Create(new OutboxOptions { PollInterval = TimeSpan.FromHours(1) }),
            services, TimeProvider.System, NullLogger<OutboxDispatcher>.Instance);
        await dispatcher.StartAsync(Ct);
        await Task.Delay(500, Ct);
        Assert.Equal(14, await LoanDaysAsync(seed, patron, await seed.ItemAsync()));

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var update = new NpgsqlCommand("UPDATE circulation_rules SET values_loan_period = 5 WHERE library_id = @library", connection);
            update.Parameters.AddWithValue("library", seed.Centre.Id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync(Ct));
        }

        OutboxNotifier.For(database.ConnectionString, CirculationSettings.Channel).Request();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CachedLoanPeriodAsync(seed) != 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        await dispatcher.StopAsync(Ct);
        Assert.Equal(5, await LoanDaysAsync(seed, patron, await seed.ItemAsync()));
    }

    private async Task<int?> CachedLoanPeriodAsync(CirculationSeed seed)
    {
        await using var db = database.CreateContext();
        var rules = await db.RulesAsync(seed.Centre.Id, null, Ct);
        return rules.Single(r => r.LibraryId == seed.Centre.Id).Values.LoanPeriod;
    }

    private static async Task<int> LoanDaysAsync(CirculationSeed seed, Domain.Patrons.Patron patron, Domain.Items.Item item)
    {
        var outcome = await seed.Desk.CheckOutAsync(CirculationSeed.Librarian, seed.Centre.Id, patron.CardNumber.Value, item.Barcode.Value, ct: Ct);
        Assert.True(outcome.Succeeded, string.Join(", ", outcome.Refusals));
        return LibraryTime.Today(outcome.Value!.DueAt).DayNumber - LibraryTime.Today(DateTime.UtcNow).DayNumber;
    }
}
