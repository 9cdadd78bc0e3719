using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaBib.Bench.Desk;

/// <summary>What one run scans: a library of its own, one patron and one shelf of items per desk, a desk librarian.</summary>
internal sealed record DeskData(string UserName, string Password, List<string> Cards, List<List<string>> Shelves);

internal static class DeskSetup
{
    public const string Password = "bench desk password";

    /// <summary>Creates the rows through the same model as the app (audit included) once the web node has migrated the database.</summary>
    public static async Task<DeskData> CreateAsync(string connectionString, int desks, int itemsPerDesk)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Db"] = connectionString })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddInfrastructure(configuration);
        services.AddDataProtection();
        services.AddStaffIdentity();
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<MediaBibDbContext>>();

        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync();
        db.Actor = new Actor(ActorKind.System, "bench-setup");
        var library = new Library(LibraryCode.From("DESK" + run), "Bibliothèque de mesure " + run);
        library.SetOpeningHours(Enum.GetValues<DayOfWeek>().Select(d => new OpeningHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0))));
        var category = new PatronCategory("DESK" + run, "Lecteur de mesure");
        category.SetLoanDefaults(21, 1000, 10, 0m);
        var type = new ItemType("DESK" + run, "Livre de mesure");
        var record = new Record(RecordType.Book, "Le livre du bureau de prêt " + run);
        db.AddRange(library, category, type, record);
        var cards = new List<string>();
        var shelves = new List<List<string>>();
        for (var d = 0; d < desks; d++)
        {
            var card = $"DP{run}{d:D4}";
            db.Patrons.Add(new Patron(library.Id, category.Id, CardNumber.From(card), "Banc", $"Bureau {d}", new DateOnly(2099, 1, 1)));
            cards.Add(card);
            var shelf = new List<string>();
            for (var i = 0; i < itemsPerDesk; i++)
            {
                var barcode = $"DI{run}{d:D4}{i:D3}";
                db.Items.Add(new Item(record.Id, library.Id, type.Id, Barcode.From(barcode)));
                shelf.Add(barcode);
            }

            shelves.Add(shelf);
        }

        await db.SaveChangesAsync();
        var userName = "bench-desk-" + run.ToLowerInvariant();
        await provider.GetRequiredService<StaffSeeder>()
            .EnsureAccountAsync(new StaffAccountSeed(userName, "Banc de mesure", StaffRoles.Circulation, Password, library.Id));
        return new DeskData(userName, Password, cards, shelves);
    }
}
