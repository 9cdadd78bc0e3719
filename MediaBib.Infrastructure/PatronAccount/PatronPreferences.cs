using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.PatronAccount;

/// <summary>
/// Choices the patron makes on their own account: keep a reading history or not, the channel notices come by first.
/// The audit interceptor records each change with the patron as actor.
/// </summary>
public sealed class PatronPreferences(IDbContextFactory<MediaBibDbContext> contexts)
{
    /// <summary>
    /// Opting out does not erase anything at once: returned loans lose their link to the patron when the nightly
    /// anonymisation job reaches them (<c>LoanHistoryAnonymizer</c>, after <c>DataRetention:LoanHistoryMonths</c>).
    /// </summary>
    public Task<bool> SetReadingHistoryAsync(Actor actor, Guid patronId, bool keep, CancellationToken ct = default) =>
        ChangeAsync(actor, patronId, p => p.SetReadingHistoryPreference(keep), ct);

    public Task<bool> SetNoticeChannelAsync(Actor actor, Guid patronId, NoticeChannel? channel, CancellationToken ct = default) =>
        ChangeAsync(actor, patronId, p => p.SetPreferredNoticeChannel(channel), ct);

    private async Task<bool> ChangeAsync(Actor actor, Guid patronId, Action<Domain.Patrons.Patron> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var patron = await db.Patrons.FirstOrDefaultAsync(p => p.Id == patronId && p.AnonymizedAt == null, ct);
        if (patron is null)
        {
            return false;
        }

        change(patron);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
