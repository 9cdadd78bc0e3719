using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Desk;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The desk's read queries on the real PostgreSQL schema (trigram + unaccent on name_normalized).</summary>
public sealed class DeskQueriesTests(WebAppFixture app)
{
    private DeskQueries Queries => app.Services.GetRequiredService<DeskQueries>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("{0} héloïse")]
    [InlineData("HELOISE {0}")]
    [InlineData("{0} heloise")]
    public async Task FindPatrons_NameWithoutAccentsOrInAnotherOrder_FindsThePatron(string pattern)
    {
        // Arrange: a unique last name keeps other tests' patrons out of the way.
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var lastName = "Dégrémont" + Unique.Code("X").ToLowerInvariant();
        var patron = await data.AddPatronAsync("Héloïse", lastName);

        // Act
        var found = await Queries.FindPatronsAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, lastName.Replace("é", "e", StringComparison.Ordinal)), ct: Ct);

        // Assert
        var match = Assert.Single(found, m => m.Id == patron.Id);
        Assert.Equal(data.Category.Label, match.Category);
    }

    [Fact]
    public async Task FindPatrons_TypoInTheName_FindsThePatronByTrigrams()
    {
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var code = Unique.Code("Q").ToLowerInvariant();
        var patron = await data.AddPatronAsync("Marius", "Pontmercy" + code);

        var found = await Queries.FindPatronsAsync("pontmerci" + code, ct: Ct);

        Assert.Contains(found, m => m.Id == patron.Id);
    }

    [Fact]
    public async Task FindPatrons_CardNumber_ReturnsOnlyThatPatron()
    {
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);

        var found = await Queries.FindPatronsAsync(" " + data.Patron.CardNumber.Value.ToLowerInvariant() + " ", ct: Ct);

        var match = Assert.Single(found);
        Assert.Equal(data.Patron.Id, match.Id);
        Assert.Equal("MARTIN Élise", match.SortName);
    }

    [Fact]
    public async Task FindPatrons_NothingLikeIt_ReturnsNothing()
    {
        var found = await Queries.FindPatronsAsync("zzqxw" + Unique.Code(), ct: Ct);

        Assert.Empty(found);
    }

    [Fact]
    public async Task PatronFile_LoansHoldsFines_AreProjectedWithOverdueAndPosition()
    {
        // Arrange: one overdue loan and one current loan, a hold behind another patron's, an open fine partly paid.
        var data = await DeskTestData.CreateAsync(app.Database, items: 3);
        var other = await data.AddPatronAsync("Fantine", "Thénardier");
        var now = DateTime.UtcNow;
        await using (var db = app.Database.CreateContext(data.Actor))
        {
            var items = db.Items.Where(i => i.RecordId == data.Record.Id).OrderBy(i => i.Barcode).ToList();
            items[0].Lend(now.AddDays(-30));
            db.Loans.Add(new Loan(items[0].Id, data.Patron.Id, data.Library.Id, now.AddDays(-30), now.AddDays(-3)));
            items[1].Lend(now);
            db.Loans.Add(new Loan(items[1].Id, data.Patron.Id, data.Library.Id, now, now.AddDays(21)));
            db.Holds.Add(new Hold(data.Record.Id, other.Id, data.Library.Id, now.AddMinutes(-10)));
            db.Holds.Add(new Hold(data.Record.Id, data.Patron.Id, data.Library.Id, now.AddMinutes(-5)));
            db.Fines.Add(new Fine(data.Patron.Id, FineKind.Damage, 4.50m, "Couverture abîmée"));
            await db.SaveChangesAsync(Ct);
        }

        var fineId = (await Queries.PatronFileAsync(data.Patron.Id, Ct))!.Fines.Single().FineId;
        Assert.True((await app.Services.GetRequiredService<FineService>().PayAsync(data.Actor, fineId, 1.20m, PaymentMethod.Cash, Ct)).Succeeded);

        // Act
        var file = await Queries.PatronFileAsync(data.Patron.Id, Ct);

        // Assert
        Assert.NotNull(file);
        Assert.Equal("MARTIN Élise", file.SortName);
        Assert.Equal(data.Category.Label, file.Category);
        Assert.Equal(data.Library.Name, file.HomeLibrary);
        Assert.Equal(2, file.Loans.Count);
        Assert.True(file.Loans[0].IsOverdue);
        Assert.False(file.Loans[1].IsOverdue);
        Assert.Equal(data.Record.Title, file.Loans[0].Title);
        var hold = Assert.Single(file.Holds);
        Assert.Equal(2, hold.Position);
        Assert.Equal(HoldStatus.Pending, hold.Status);
        Assert.Equal(data.Library.Name, hold.PickupLibrary);
        var fine = Assert.Single(file.Fines);
        Assert.Equal(4.50m, fine.Amount);
        Assert.Equal(3.30m, fine.Outstanding);
        Assert.Equal(3.30m, file.Outstanding);
    }

    [Fact]
    public async Task PatronFile_BlockedAndSuspended_ShowsTheReasons()
    {
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        await using (var db = app.Database.CreateContext(data.Actor))
        {
            var patron = db.Patrons.Single(p => p.Id == data.Patron.Id);
            patron.Block("Documents jamais rendus");
            patron.SuspendUntil(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10));
            await db.SaveChangesAsync(Ct);
        }

        var file = await Queries.PatronFileAsync(data.Patron.Id, Ct);

        Assert.NotNull(file);
        Assert.True(file.IsBlocked);
        Assert.Equal("Documents jamais rendus", file.BlockReason);
        Assert.True(file.IsSuspended);
    }

    [Fact]
    public async Task PatronFile_UnknownId_IsNull()
    {
        Assert.Null(await Queries.PatronFileAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Receipt_OnlyTheGivenLoansOfThatPatron()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(app.Database, items: 2);
        var engine = app.Services.GetRequiredService<CirculationDesk>();
        var first = await engine.CheckOutAsync(data.Actor, data.Library.Id, data.Patron.Id.ToString(), data.Items[0].Barcode.Value, ct: Ct);
        var second = await engine.CheckOutAsync(data.Actor, data.Library.Id, data.Patron.Id.ToString(), data.Items[1].Barcode.Value, ct: Ct);

        // Act
        var receipt = await Queries.ReceiptAsync(data.Patron.Id, [first.Value!.LoanId, Guid.NewGuid()], data.Library.Id, Ct);

        // Assert
        Assert.NotNull(receipt);
        var line = Assert.Single(receipt.Lines);
        Assert.Equal(data.Items[0].Barcode.Value, line.Barcode);
        Assert.Equal(first.Value.DueAt, line.DueAt);
        Assert.Equal(data.Library.Name, receipt.Library);
        Assert.True(second.Succeeded);
    }
}
