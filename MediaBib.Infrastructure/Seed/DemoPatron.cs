using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.PatronAccount;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Seed;

/// <summary>The demo patron's OPAC login printed by <c>run.sh</c>: card <c>C00000001</c> (Marie Dupont).</summary>
public static class DemoPatron
{
    public const string OpacPassword = "Lecteur-Demo-2026!";

    /// <summary>Gives the demo patron an OPAC password when they have none; a password they changed is kept.</summary>
    public static async Task EnsureOpacPasswordAsync(IDbContextFactory<MediaBibDbContext> factory, PatronCredentials credentials, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var card = CardNumber.From(DemoSeeder.DemoPatronCard);
        var patron = await db.Patrons.AsNoTracking().Where(p => p.CardNumber == card && p.OpacPasswordHash == null)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (patron is { } id)
        {
            await credentials.SetPasswordAsync(new Actor(ActorKind.System, "seed"), id, OpacPassword, ct);
        }
    }
}
