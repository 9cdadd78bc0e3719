using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;

namespace MediaBib.Infrastructure.Search.Caching;

/// <summary>Settings of the record and availability fragment cache (section <c>Search:Cache</c>).</summary>
public sealed class FragmentCacheOptions
{
    /// <summary>False turns the cache off: every page reads the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a record's description may be kept (dropped at once when the record changes in this process).</summary>
    public TimeSpan RecordTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long copies and availability may be kept. Circulation events drop them at once; this only bounds the
    /// damage of a lost notification (the outbox dispatchers' safety-net poll runs every 10 s). See ADR-005.
    /// </summary>
    public TimeSpan AvailabilityTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Fragments kept in this process's memory at most.</summary>
    public int MaxEntries { get; set; } = 200_000;
}

/// <summary>What a fragment holds; each kind has its own lifetime.</summary>
public enum FragmentKind
{
    /// <summary>The description shown in a result list.</summary>
    HitDescription,

    /// <summary>Copies per library, available and total (result lists).</summary>
    Availability,

    /// <summary>The record page's description, authors and subjects.</summary>
    RecordDescription,

    /// <summary>The record page's copies (status, due date) and active holds.</summary>
    RecordCopies,
}

/// <summary>
/// Two-level cache of per-record fragments for the OPAC: this process's memory first, then Redis when
/// <c>ConnectionStrings:Redis</c> is set (an <see cref="IDistributedCache"/>), then the database. A record's fragments
/// are dropped when a save touching it commits in this process (before <c>SaveChanges</c> returns, Redis included)
/// and when a circulation event about it arrives from any process (<see cref="CirculationEventInvalidator"/>).
/// </summary>
/// <remarks>
/// A reader that loaded a fragment from the database just before a change committed must not put it back after the
/// change dropped it. Every drop bumps a generation counter of the record's stripe; a reader notes the counter before
/// it reads and stores only if it did not move, and checks again after storing (a drop that ran in between removed
/// or will remove the entry). See docs/decisions/ADR-005.
/// </remarks>
public sealed class FragmentCache : IDisposable
{
    private const int Stripes = 4096;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly FragmentKind[] Kinds = Enum.GetValues<FragmentKind>();

    private readonly FragmentCacheOptions _options;
    private readonly IDistributedCache? _secondLevel;
    private readonly MemoryCache _memory;
    private readonly long[] _generations = new long[Stripes];
    private readonly string _prefix;
    private readonly IDisposable _subscription;

    public FragmentCache(string connectionString, FragmentCacheOptions options, IDistributedCache? secondLevel = null)
    {
        _options = options;
        _secondLevel = secondLevel;
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MaxEntries });
        _prefix = "mediabib:fragment:" + FragmentInvalidation.DatabaseKey(connectionString) + ":";
        _subscription = FragmentInvalidation.For(connectionString).Subscribe(Invalidate);
    }

    public bool HasSecondLevel => _secondLevel is not null;

    /// <summary>
    /// The fragments of these records, from memory, Redis or <paramref name="load"/> (called once with every id
    /// missing). Records <paramref name="load"/> does not return are absent from the result and are not cached.
    /// </summary>
    public async Task<Dictionary<Guid, T>> GetManyAsync<T>(
        FragmentKind kind, IReadOnlyCollection<Guid> ids, Func<Guid[], CancellationToken, Task<Dictionary<Guid, T>>> load, CancellationToken ct)
        where T : class
    {
        var result = new Dictionary<Guid, T>(ids.Count);
        if (!_options.Enabled)
        {
            return ids.Count == 0 ? result : await load([.. ids.Distinct()], ct);
        }

        var missing = new List<(Guid Id, long Generation)>();
        foreach (var id in ids.Distinct())
        {
            if (_memory.TryGetValue((kind, id), out var cached) && cached is T value)
            {
                result[id] = value;
            }
            else
            {
                missing.Add((id, Generation(id)));
            }
        }

        if (missing.Count > 0 && _secondLevel is not null)
        {
            var fromRedis = await Task.WhenAll(missing.Select(m => _secondLevel.GetAsync(Key(kind, m.Id), ct)));
            var stillMissing = new List<(Guid Id, long Generation)>();
            for (var i = 0; i < missing.Count; i++)
            {
                if (fromRedis[i] is { } bytes && JsonSerializer.Deserialize<T>(bytes, Json) is { } value)
                {
                    result[missing[i].Id] = value;
                    RememberLocally(kind, missing[i].Id, missing[i].Generation, value);
                }
                else
                {
                    stillMissing.Add(missing[i]);
                }
            }

            missing = stillMissing;
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var loaded = await load([.. missing.Select(m => m.Id)], ct);
        var stores = new List<Task>();
        foreach (var (id, generation) in missing)
        {
            if (!loaded.TryGetValue(id, out var value))
            {
                continue;
            }

            result[id] = value;
            if (RememberLocally(kind, id, generation, value) && _secondLevel is not null)
            {
                stores.Add(StoreInSecondLevelAsync(kind, id, generation, value, ct));
            }
        }

        await Task.WhenAll(stores);
        return result;
    }

    /// <summary>Drops every fragment of these records, here and in Redis. Called at commit and on circulation events.</summary>
    public void Invalidate(IReadOnlyCollection<Guid> recordIds)
    {
        foreach (var id in recordIds)
        {
            Interlocked.Increment(ref _generations[Stripe(id)]);
            foreach (var kind in Kinds)
            {
                _memory.Remove((kind, id));
            }
        }

        if (_secondLevel is not null)
        {
            foreach (var id in recordIds)
            {
                foreach (var kind in Kinds)
                {
                    _secondLevel.Remove(Key(kind, id));
                }
            }
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _memory.Dispose();
    }

    private bool RememberLocally<T>(FragmentKind kind, Guid id, long generation, T value)
    {
        if (Generation(id) != generation)
        {
            return false;
        }

        _memory.Set((kind, id), value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Ttl(kind) });
        if (Generation(id) != generation)
        {
            // A drop ran while we stored: it may have missed our entry.
            _memory.Remove((kind, id));
            return false;
        }

        return true;
    }

    private async Task StoreInSecondLevelAsync<T>(FragmentKind kind, Guid id, long generation, T value, CancellationToken ct)
    {
        var key = Key(kind, id);
        await _secondLevel!.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, Json),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Ttl(kind) }, ct);
        if (Generation(id) != generation)
        {
            await _secondLevel.RemoveAsync(key, CancellationToken.None);
        }
    }

    private TimeSpan Ttl(FragmentKind kind) => kind switch
    {
        FragmentKind.HitDescription or FragmentKind.RecordDescription => _options.RecordTtl,
        FragmentKind.Availability or FragmentKind.RecordCopies => _options.AvailabilityTtl,
    };

    private long Generation(Guid id) => Volatile.Read(ref _generations[Stripe(id)]);

    private static int Stripe(Guid id) => (id.GetHashCode() & int.MaxValue) % Stripes;

    private string Key(FragmentKind kind, Guid id) => _prefix + kind.ToString() + ":" + id.ToString("N");
}
