using System.Net;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Sip2.Engine;
using MediaBib.Sip2.Library;
using MediaBib.Sip2.Server;
using MediaBib.Sip2.Tests.Support;
using MediaBib.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MediaBib.Sip2.Tests.Engine;

/// <summary>
/// The real worker (AddSip2Engine + AddSip2Services, as Program.cs) on a loopback port, on the test run's PostgreSQL
/// database, with a small network created per test: one library with a terminal account, a category, an item type and
/// a record. Rows have unique codes so tests run in parallel.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    public const string TerminalPassword = "Kiosque-Secret-1";

    public static readonly Actor Librarian = new(ActorKind.Staff, "bibliothecaire", Guid.CreateVersion7());

    private readonly TestDatabase _database;

    private EngineHost(TestDatabase database, IHost host, IPEndPoint endPoint)
    {
        _database = database;
        Host = host;
        EndPoint = endPoint;
    }

    public IHost Host { get; }

    public IPEndPoint EndPoint { get; }

    public Domain.Sites.Library Library { get; } = new(LibraryCode.From(Unique.Code("L")), "Médiathèque de test");

    public PatronCategory Category { get; } = new(Unique.Code("CAT"), "Adulte");

    public ItemType Type { get; } = new(Unique.Code("T"), "Livre");

    public Domain.Catalog.Record Record { get; } = new(RecordType.Book, "Vingt mille lieues sous les mers");

    public string TerminalLogin { get; } = Unique.Code("borne");

    public CirculationDesk Desk => Host.Services.GetRequiredService<CirculationDesk>();

    public HoldService Holds => Host.Services.GetRequiredService<HoldService>();

    public FineService Fines => Host.Services.GetRequiredService<FineService>();

    public Sip2TerminalService Terminals => Host.Services.GetRequiredService<Sip2TerminalService>();

    public static async Task<EngineHost> StartAsync(TestDatabase database)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip2:BindAddress"] = "127.0.0.1",
            ["Sip2:Port"] = "0",
            ["ConnectionStrings:Db"] = database.ConnectionString,
            ["Seed:Demo"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Services.AddSip2Engine(builder.Configuration);
        builder.Services.AddSip2Services(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var engine = new EngineHost(database, host, await host.Services.GetRequiredService<Sip2Listener>().Started);
        await engine.SeedAsync();
        return engine;
    }

    private async Task SeedAsync()
    {
        await using (var db = _database.CreateContext())
        {
            db.AddRange(Library, Category, Type, Record);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await Terminals.CreateAsync(Librarian, TerminalLogin, TerminalPassword, Library.Id,
            TerminalAccounts.Names(Sip2Operations.All), ct: TestContext.Current.CancellationToken);
    }

    public async Task<Item> ItemAsync()
    {
        var item = new Item(Record.Id, Library.Id, Type.Id, Barcode.From(Unique.Barcode()));
        await using var db = _database.CreateContext();
        db.Items.Add(item);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return item;
    }

    public async Task<Patron> PatronAsync(string? opacPassword = null)
    {
        var patron = new Patron(Library.Id, Category.Id, CardNumber.From(Unique.Code("P")), "Jules", "Verne",
            DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1));
        if (opacPassword is not null)
        {
            patron.SetOpacPasswordHash(new PasswordHasher<Patron>().HashPassword(patron, opacPassword));
        }

        await using var db = _database.CreateContext();
        db.Patrons.Add(patron);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return patron;
    }

    /// <summary>A connected terminal, already logged in with the test terminal account.</summary>
    public async Task<Sip2TestClient> LoggedInAsync()
    {
        var client = await Sip2TestClient.ConnectAsync(EndPoint);
        var answer = await client.RequestAsync(Messages.Login(TerminalLogin, TerminalPassword));
        Assert.Equal("941", answer);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
    }
}
