using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace MediaBib.Infrastructure.Search.Caching;

/// <summary>
/// This process's line from the database layer to the fragment caches of one database: the save interceptor
/// (<see cref="Persistence.Interceptors.CatalogueChangeInterceptor"/>) has no access to the service container, so it
/// announces here the records a committed save touched, and every <see cref="FragmentCache"/> of that database drops them
/// before <c>SaveChanges</c> returns.
/// </summary>
public sealed class FragmentInvalidation
{
    private static readonly ConcurrentDictionary<string, FragmentInvalidation> ByDatabase = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private Action<IReadOnlyCollection<Guid>>[] _listeners = [];

    private FragmentInvalidation()
    {
    }

    /// <summary>The line of this process for a database (connection strings that differ in pool settings share it).</summary>
    public static FragmentInvalidation For(string connectionString) => ByDatabase.GetOrAdd(DatabaseKey(connectionString), _ => new FragmentInvalidation());

    /// <summary>host:port/database, used to tell databases apart in this process and in a shared Redis.</summary>
    public static string DatabaseKey(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>True when some cache of this database lives in this process (otherwise there is nothing to drop).</summary>
    public bool HasListeners => _listeners.Length > 0;

    public IDisposable Subscribe(Action<IReadOnlyCollection<Guid>> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    /// <summary>Drops these records' fragments from every cache of the database in this process; never throws.</summary>
    public void Publish(IReadOnlyCollection<Guid> recordIds)
    {
        if (recordIds.Count == 0)
        {
            return;
        }

        foreach (var listener in _listeners)
        {
            try
            {
                listener(recordIds);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A cache that cannot reach its second level still dropped its first; the TTL bounds the rest.
            }
        }
    }

    private void Unsubscribe(Action<IReadOnlyCollection<Guid>> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => l != listener)];
        }
    }

    private sealed class Subscription(FragmentInvalidation owner, Action<IReadOnlyCollection<Guid>> listener) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(listener);
    }
}
