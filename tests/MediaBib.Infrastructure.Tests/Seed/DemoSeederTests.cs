using MediaBib.Domain.Common;
using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Infrastructure.Seed;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaBib.Infrastructure.Tests.Seed;

public sealed class DemoSeederTests(TestDatabase database)
{
    [Fact]
    public async Task SeedAsync_RunTwice_SeedsOnceWithFrenchCalendars()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeder = new DemoSeeder(database.Factory, TimeProvider.System, NullLogger<DemoSeeder>.Instance);

        var first = await seeder.SeedAsync(new DemoSize(Records: 40, Items: 60, Patrons: 30), ct);
        var second = await seeder.SeedAsync(new DemoSize(Records: 40, Items: 60, Patrons: 30), ct);

        Assert.True(first);
        Assert.False(second);
        await using var db = database.CreateContext();
        var centre = await db.Libraries.Include(l => l.Sections).SingleAsync(l => l.Code == LibraryCode.From(DemoSeeder.CentralLibraryCode), ct);
        Assert.Equal(4, centre.Sections.Count);
        Assert.Contains(centre.ClosedDays, d => d.Reason == "Noël");
        Assert.False(centre.Calendar.IsOpen(new DateOnly(2026, 12, 25)));
        Assert.True(await db.Patrons.AnyAsync(p => p.CardNumber == CardNumber.From(DemoSeeder.DemoPatronCard) && p.LastName == "Dupont", ct));
        Assert.True(await db.Items.AnyAsync(i => i.Barcode == Barcode.From("MB0000060"), ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "import" && a.Actor == "seed", ct));

        // The demo patron gets an OPAC password once; a password they chose since is kept.
        var credentials = new PatronCredentials(database.Factory, TimeProvider.System);
        await DemoPatron.EnsureOpacPasswordAsync(database.Factory, credentials, ct);
        var signIn = await credentials.SignInAsync(DemoSeeder.DemoPatronCard, DemoPatron.OpacPassword, new SignInOrigin(null, null, null), ct);
        Assert.Equal(PatronSignInStatus.Succeeded, signIn.Status);
        var marie = signIn.Patron!;
        await credentials.ChangePasswordAsync(new Audit.Actor(Audit.ActorKind.Patron, marie.CardNumber), marie.Id, DemoPatron.OpacPassword, "choisi-par-marie", ct);
        await DemoPatron.EnsureOpacPasswordAsync(database.Factory, credentials, ct);
        Assert.Equal(PatronSignInStatus.Succeeded,
            (await credentials.SignInAsync(DemoSeeder.DemoPatronCard, "choisi-par-marie", new SignInOrigin(null, null, null), ct)).Status);
    }

    [Theory]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2024, 3, 31)]
    public void EasterSunday_KnownYears_MatchesTheCalendar(int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), DemoSeeder.EasterSunday(year));
    }
}
