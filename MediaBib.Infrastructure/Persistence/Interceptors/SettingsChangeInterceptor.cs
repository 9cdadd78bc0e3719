using MediaBib.Domain.Circulation;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Outbox;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Drops the cached <see cref="CirculationSettings"/> when a save that touched a rule, a library, its hours or its
/// closed days has committed, here and (through <c>NOTIFY mediabib_settings</c>) in every other process.
/// </summary>
public sealed class SettingsChangeInterceptor(string connectionString) : AfterCommitInterceptor
{
    protected override bool Collect(DbContext context) =>
        context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is CirculationRule or Library or OpeningHours or ClosedDay);

    protected override void OnCommitted(DbContext context)
    {
        CirculationSettings.For(connectionString).Invalidate();
        OutboxNotifier.For(connectionString, CirculationSettings.Channel).Request();
    }
}
