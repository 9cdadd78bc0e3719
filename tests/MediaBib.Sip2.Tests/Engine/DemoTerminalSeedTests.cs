using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Seed;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Sip2.Engine;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace MediaBib.Sip2.Tests.Engine;

public sealed class DemoTerminalSeedTests(TestDatabase database)
{
    [Fact]
    public async Task SeedDemoTerminal_TwiceAtCentralLibrary_CreatesOneWorkingLogin()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateContext())
        {
            var code = LibraryCode.From(DemoSeeder.CentralLibraryCode);
            if (!await db.Libraries.AnyAsync(l => l.Code == code, ct))
            {
                db.Libraries.Add(new Domain.Sites.Library(code, "Médiathèque centrale"));
                await db.SaveChangesAsync(ct);
            }
        }

        var terminals = new Sip2TerminalService(database.Factory);
        var startup = new Sip2DatabaseStartup(database.Factory, terminals, new ConfigurationBuilder().Build(), NullLogger<Sip2DatabaseStartup>.Instance);

        await startup.SeedDemoTerminalAsync(ct);
        await startup.SeedDemoTerminalAsync(ct);

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Sip2Terminals.CountAsync(t => t.Login == Sip2DatabaseStartup.DemoLogin, ct));
        var login = await terminals.AuthenticateAsync(Sip2DatabaseStartup.DemoLogin, Sip2DatabaseStartup.DemoPassword, ct);
        Assert.NotNull(login);
        Assert.Equal(DemoSeeder.CentralLibraryCode, login.LibraryCode);
        Assert.Null(await terminals.AuthenticateAsync(Sip2DatabaseStartup.DemoLogin, "Borne-Demo-2025!", ct));
    }
}
