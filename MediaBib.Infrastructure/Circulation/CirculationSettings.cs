using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>
/// The circulation rules matrix and the libraries' calendars, read by every checkout, checkin and renewal but changed
/// a few times a year. Kept in memory per database and dropped as soon as a rule, a library, its hours or its closed
/// days change: in this process when the change commits (<see cref="Persistence.Interceptors.SettingsChangeInterceptor"/>),
/// in the other processes (web nodes, SIP2 worker) through <c>NOTIFY mediabib_settings</c>, which their
/// <see cref="OutboxDispatcher"/> listens to. <see cref="MaxAge"/> bounds staleness if a notification is ever lost.
/// </summary>
public sealed class CirculationSettings
{
    public const string Channel = "mediabib_settings";

    /// <summary>Safety net only: normal invalidation is immediate.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private static readonly ConcurrentDictionary<string, CirculationSettings> ByDatabase = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> DatabaseKeys = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private long _generation;

    private CirculationSettings()
    {
    }

    /// <summary>
    /// The settings cache of this process for a database. Connection strings that differ only in pool or timeout
    /// settings name the same database and share one cache.
    /// </summary>
    public static CirculationSettings For(string connectionString) =>
        ByDatabase.GetOrAdd(DatabaseKeys.GetOrAdd(connectionString, DatabaseKey), _ => new CirculationSettings());

    public static CirculationSettings For(MediaBibDbContext db) => For(db.Database.GetConnectionString() ?? "");

    /// <summary>Drops the cached settings; the next operation reads them again.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _snapshot = null;
        }
    }

    /// <summary>The rules that may apply at these libraries (any category and type: the policy picks).</summary>
    public async ValueTask<IReadOnlyList<CirculationRule>> RulesAsync(MediaBibDbContext db, Guid library, Guid? otherLibrary, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(db, ct);
        var other = otherLibrary ?? library;
        return [.. snapshot.Rules.Where(r => r.LibraryId is null || r.LibraryId == library || r.LibraryId == other)];
    }

    public async ValueTask<LibraryCalendar> CalendarAsync(MediaBibDbContext db, Guid libraryId, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(db, ct);
        return snapshot.Calendars.GetValueOrDefault(libraryId) ?? LibraryCalendar.AlwaysOpen;
    }

    /// <summary>A library's code (null when unknown).</summary>
    public async ValueTask<string?> LibraryCodeAsync(MediaBibDbContext db, Guid libraryId, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(db, ct);
        return snapshot.Codes.GetValueOrDefault(libraryId);
    }

    /// <summary>A library's id from its code (null when unknown).</summary>
    public async ValueTask<Guid?> LibraryIdAsync(MediaBibDbContext db, string code, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(db, ct);
        return snapshot.Ids.TryGetValue(code, out var id) ? id : null;
    }

    private async ValueTask<Snapshot> CurrentAsync(MediaBibDbContext db, CancellationToken ct)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && Stopwatch.GetElapsedTime(current.LoadedAt) < MaxAge)
        {
            return current;
        }

        long generation;
        lock (_gate)
        {
            generation = _generation;
        }

        var rules = await db.Set<CirculationRule>().AsNoTracking().ToListAsync(ct);
        // Hours and closed days are owned by the library and come with it.
        var libraries = await db.Libraries.AsNoTracking().AsSplitQuery().ToListAsync(ct);
        var loaded = new Snapshot(rules, libraries.ToDictionary(l => l.Id, l => l.Calendar), libraries.ToDictionary(l => l.Id, l => l.Code.Value),
            libraries.ToDictionary(l => l.Code.Value, l => l.Id, StringComparer.Ordinal), Stopwatch.GetTimestamp());
        lock (_gate)
        {
            // A change committed while we were reading: use what we read for this operation, but do not keep it.
            if (generation == _generation)
            {
                _snapshot = loaded;
            }
        }

        return loaded;
    }

    private static string DatabaseKey(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");
    }

    private sealed record Snapshot(
        List<CirculationRule> Rules, Dictionary<Guid, LibraryCalendar> Calendars, Dictionary<Guid, string> Codes, Dictionary<string, Guid> Ids,
        long LoadedAt);
}
