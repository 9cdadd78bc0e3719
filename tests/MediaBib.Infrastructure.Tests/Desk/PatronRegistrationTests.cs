using System.Text.RegularExpressions;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Desk;
using MediaBib.Infrastructure.Tests.Circulation;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Desk;

public sealed class PatronRegistrationTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PatronRegistration Registration => new(database.Factory, TimeProvider.System);

    private static DateOnly Today => LibraryTime.Today(DateTime.UtcNow);

    [Fact]
    public async Task Register_SameNameAndBirthDateWithOtherAccentsAndCase_WarnsUntilStaffConfirm()
    {
        // Arrange: a unique last name with accents, registered once.
        var seed = await CirculationSeed.CreateAsync(database);
        var lastName = "Dupré-" + Unique.Code("É").ToLowerInvariant();
        var birth = new DateOnly(1980, 5, 4);
        var first = await Registration.RegisterAsync(CirculationSeed.Librarian, Input(seed, "Hélène", lastName, birth), ct: Ct);
        Assert.True(first.Succeeded, string.Join(", ", first.Errors));

        // Act: the same person typed without accents and in capitals, then confirmed by staff.
        var unaccented = lastName.ToUpperInvariant().Replace("É", "E", StringComparison.Ordinal);
        var warned = await Registration.RegisterAsync(CirculationSeed.Librarian, Input(seed, "HELENE", " " + unaccented, birth), ct: Ct);
        var duplicates = await Registration.FindDuplicatesAsync("helene", unaccented, birth, ct: Ct);
        var otherBirthDate = await Registration.FindDuplicatesAsync("helene", unaccented, birth.AddDays(1), ct: Ct);
        var confirmed = await Registration.RegisterAsync(CirculationSeed.Librarian, Input(seed, "HELENE", unaccented, birth), confirmDuplicate: true, ct: Ct);

        // Assert
        var error = Assert.Single(warned.Errors);
        Assert.Equal(("duplicate", "patron.possible_duplicate"), (error.Field, error.Code));
        Assert.Equal(first.Value, Assert.Single(duplicates).Id);
        Assert.Empty(otherBirthDate);
        Assert.True(confirmed.Succeeded);
        Assert.NotEqual(first.Value, confirmed.Value);
    }

    [Fact]
    public async Task Register_NoCardNumber_GeneratesOneAndSubscribesForTheCategoryMonthsWithAudit()
    {
        // Arrange: a category whose subscription lasts 6 months.
        var seed = await CirculationSeed.CreateAsync(database);
        await using (var db = database.CreateContext())
        {
            var category = await db.PatronCategories.SingleAsync(c => c.Id == seed.Category.Id, Ct);
            category.SetMembership(6, 0m, null, null);
            await db.SaveChangesAsync(Ct);
        }

        // The demo seeder of another test uses C00000001…: an anchor high in the series keeps the generated card clear of it.
        var anchor = 90_000_000 + Random.Shared.Next(0, 9_000_000);
        await seed.PatronAsync(p => p.ChangeCard(CardNumber.From("C" + anchor.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // Act
        var result = await Registration.RegisterAsync(CirculationSeed.Librarian, Input(seed, "Cosette", "Fauchelevent" + Unique.Code()) with { CardNumber = null }, ct: Ct);

        // Assert
        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        await using var check = database.CreateContext();
        var patron = await check.Patrons.SingleAsync(p => p.Id == result.Value, Ct);
        Assert.Matches(new Regex("^C[0-9]{8}$"), patron.CardNumber.Value);
        Assert.True(string.CompareOrdinal(patron.CardNumber.Value, "C" + anchor.ToString(System.Globalization.CultureInfo.InvariantCulture)) > 0);
        Assert.Equal(Today.AddMonths(6), patron.ExpiresOn);
        Assert.Equal(PatronRegistration.ConsentVersion, patron.GdprConsentVersion);
        Assert.Equal("lecteur@example.org", patron.Email);
        Assert.Equal("75005", patron.Address.PostalCode);
        var audit = await check.AuditEntries.Where(a => a.ObjectId == patron.Id).ToListAsync(Ct);
        var created = Assert.Single(audit, a => a.Action == "create");
        Assert.Equal(CirculationSeed.Librarian.UserId, created.UserId);
        Assert.Contains("Fauchelevent", created.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_CardStillValid_AddsTheCategoryMonthsToTheCurrentExpiryAndAudits()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var patron = await seed.PatronAsync(expiresOn: Today.AddDays(10));

        var renewed = await Registration.RenewAsync(CirculationSeed.Librarian, patron.Id, Ct);

        Assert.Equal(Today.AddDays(10).AddMonths(12), renewed.Value);
        await using var db = database.CreateContext();
        Assert.Equal(renewed.Value, (await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).ExpiresOn);
        var entry = await db.AuditEntries.SingleAsync(a => a.ObjectId == patron.Id && a.Action == "update" && a.Message != null, Ct);
        Assert.Contains(renewed.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_ExpiredCard_RunsFromToday()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var patron = await seed.PatronAsync(expiresOn: new DateOnly(2020, 1, 1));

        var renewed = await Registration.RenewAsync(CirculationSeed.Librarian, patron.Id, Ct);

        Assert.Equal(Today.AddMonths(12), renewed.Value);
    }

    [Fact]
    public async Task BlockThenUnblock_KeepsTheReasonAndWritesWarningEntries()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var patron = await seed.PatronAsync();

        var blocked = await Registration.BlockAsync(CirculationSeed.Librarian, patron.Id, "Carte perdue", Ct);
        var blank = await Registration.BlockAsync(CirculationSeed.Librarian, patron.Id, "  ", Ct);
        await using (var db = database.CreateContext())
        {
            var reloaded = await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct);
            Assert.True(reloaded.IsBlocked);
            Assert.Equal("Carte perdue", reloaded.BlockReason);
        }

        var unblocked = await Registration.UnblockAsync(CirculationSeed.Librarian, patron.Id, "Carte retrouvée", Ct);

        Assert.True(blocked.Succeeded && unblocked.Succeeded);
        Assert.Equal("validation.required", Assert.Single(blank.Errors).Code);
        await using var check = database.CreateContext();
        Assert.False((await check.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).IsBlocked);
        var actions = await check.AuditEntries.Where(a => a.ObjectId == patron.Id && (a.Action == "patron_blocked" || a.Action == "patron_unblocked"))
            .OrderBy(a => a.OccurredAt).ToListAsync(Ct);
        Assert.Equal(["patron_blocked", "patron_unblocked"], actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal(Domain.Audit.AuditSeverity.Warning, a.Severity));
        Assert.Equal("Carte perdue", actions[0].Message);
        Assert.Contains("Carte retrouvée", actions[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_CardNumberOfAnotherPatron_IsRefusedOnTheCardField()
    {
        var seed = await CirculationSeed.CreateAsync(database);
        var patron = await seed.PatronAsync();
        var other = await seed.PatronAsync();
        var view = await Registration.LoadAsync(patron.Id, Ct);

        var result = await Registration.UpdateAsync(CirculationSeed.Librarian, patron.Id, view!.Values with { CardNumber = other.CardNumber.Value }, Ct);
        var renamed = await Registration.UpdateAsync(CirculationSeed.Librarian, patron.Id, view.Values with { FirstName = "Eponine" }, Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("cardNumber", "patron.card_taken"), (error.Field, error.Code));
        Assert.True(renamed.Succeeded);
        await using var db = database.CreateContext();
        Assert.Equal("Eponine", (await db.Patrons.SingleAsync(p => p.Id == patron.Id, Ct)).FirstName);
    }

    private static PatronInput Input(CirculationSeed seed, string firstName, string lastName, DateOnly? birthDate = null) =>
        new(Unique.Code("R"), seed.Category.Id, seed.Centre.Id, firstName, lastName, birthDate, "lecteur@example.org",
            "01 23 45 67 89", "12 rue de l'Homme-Armé", "75005", "Paris", GdprConsent: true);
}
