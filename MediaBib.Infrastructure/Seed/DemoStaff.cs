using MediaBib.Domain.Common;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Seed;

/// <summary>The demo staff accounts printed by <c>run.sh</c> (one per role, working at the central library).</summary>
public static class DemoStaff
{
    public static IReadOnlyList<(string UserName, string DisplayName, string Role, string Password)> Accounts { get; } =
    [
        ("admin", "Administratrice (démo)", StaffRoles.Admin, "Admin-Demo-2026!"),
        ("catalogueur", "Catalogueur (démo)", StaffRoles.Cataloguer, "Catalogue-Demo-2026!"),
        ("circulation", "Agent de prêt (démo)", StaffRoles.Circulation, "Circulation-Demo-2026!"),
    ];

    public static async Task EnsureAsync(StaffSeeder staff, IDbContextFactory<MediaBibDbContext> factory, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var code = LibraryCode.From(DemoSeeder.CentralLibraryCode);
        var centre = await db.Libraries.Where(l => l.Code == code).Select(l => (Guid?)l.Id).SingleOrDefaultAsync(cancellationToken);
        foreach (var (userName, displayName, role, password) in Accounts)
        {
            await staff.EnsureAccountAsync(new StaffAccountSeed(userName, displayName, role, password, centre), cancellationToken);
        }
    }
}
