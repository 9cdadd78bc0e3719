using System.Collections.Concurrent;
using MediaBib.Domain.Rfid;
using MediaBib.Infrastructure.Rfid;
using Microsoft.AspNetCore.SignalR;

namespace MediaBib.Web.Rfid;

/// <summary>
/// The tags lying on each pad connected to this web node, in memory, and the desks watching them. The hub feeds it;
/// desk circuits on this node subscribe to a pad and are told of every change. Security commands go to the pad's
/// SignalR group, so with the Redis backplane they reach the pad whichever node holds its connection.
/// </summary>
public sealed class RfidPadRegistry(IHubContext<RfidPadHub> hub, ILogger<RfidPadRegistry> log)
{
    private readonly ConcurrentDictionary<Guid, PadState> _pads = new();

    public static string GroupOf(Guid padId) => "rfid-pad:" + padId.ToString("N");

    /// <summary>Whether the pad has an agent connected to this node.</summary>
    public bool IsConnected(Guid padId) => _pads.TryGetValue(padId, out var pad) && pad.ConnectionCount > 0;

    /// <summary>The tags on the pad now, by item barcode then part.</summary>
    public IReadOnlyList<RfidTag> TagsOn(Guid padId) => _pads.TryGetValue(padId, out var pad) ? pad.Tags() : [];

    /// <summary>Calls <paramref name="changed"/> after every change on the pad (connection, tag placed or removed, security).</summary>
    public IDisposable Subscribe(Guid padId, Func<Task> changed)
    {
        var pad = _pads.GetOrAdd(padId, _ => new PadState());
        pad.AddWatcher(changed);
        return new Subscription(() => pad.RemoveWatcher(changed));
    }

    /// <summary>
    /// Tells the pad to set (checkin) or clear (checkout) the security bit of <paramref name="uids"/>. Call it only once
    /// the checkout or checkin has committed.
    /// </summary>
    public async Task SetSecurityAsync(Guid padId, IReadOnlyCollection<string> uids, bool on, CancellationToken ct = default)
    {
        var group = hub.Clients.Group(GroupOf(padId));
        foreach (var uid in uids)
        {
            await group.SendAsync(RfidPadHub.SetSecurityMethod, uid, on, ct);
        }

        if (_pads.TryGetValue(padId, out var pad) && pad.SetSecurity(uids, on))
        {
            await NotifyAsync(pad);
        }
    }

    /// <summary>Closes the pad's connections to this node (its key was revoked).</summary>
    public void Drop(Guid padId)
    {
        if (_pads.TryGetValue(padId, out var pad))
        {
            foreach (var connection in pad.Connections())
            {
                connection.Abort();
            }
        }
    }

    internal Task ConnectedAsync(RfidPadIdentity identity, HubCallerContext connection)
    {
        var pad = _pads.GetOrAdd(identity.PadId, _ => new PadState());
        pad.Connect(connection);
        log.LogInformation("RFID pad {Desk} ({PadId}) connected", identity.DeskName, identity.PadId);
        return NotifyAsync(pad);
    }

    internal Task DisconnectedAsync(Guid padId, string connectionId)
    {
        if (!_pads.TryGetValue(padId, out var pad))
        {
            return Task.CompletedTask;
        }

        // Without an agent nobody knows what lies on the pad any more: forget its tags.
        pad.Disconnect(connectionId);
        return NotifyAsync(pad);
    }

    internal Task PlaceAsync(Guid padId, RfidTag tag)
    {
        var pad = _pads.GetOrAdd(padId, _ => new PadState());
        pad.Place(tag);
        return NotifyAsync(pad);
    }

    internal Task RemoveAsync(Guid padId, string uid) =>
        _pads.TryGetValue(padId, out var pad) && pad.Remove(uid) ? NotifyAsync(pad) : Task.CompletedTask;

    private async Task NotifyAsync(PadState pad)
    {
        foreach (var watcher in pad.Watchers())
        {
            try
            {
                await watcher();
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "A desk failed to refresh its RFID pad");
            }
        }
    }

    private sealed class PadState
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RfidTag> _tags = new(StringComparer.Ordinal);
        private readonly List<Func<Task>> _watchers = [];

        public int ConnectionCount
        {
            get
            {
                lock (_gate)
                {
                    return _connections.Count;
                }
            }
        }

        public void Connect(HubCallerContext connection)
        {
            lock (_gate)
            {
                _connections[connection.ConnectionId] = connection;
            }
        }

        public IReadOnlyList<HubCallerContext> Connections()
        {
            lock (_gate)
            {
                return [.. _connections.Values];
            }
        }

        public void Disconnect(string connectionId)
        {
            lock (_gate)
            {
                if (_connections.Remove(connectionId) && _connections.Count == 0)
                {
                    _tags.Clear();
                }
            }
        }

        public void Place(RfidTag tag)
        {
            lock (_gate)
            {
                _tags[tag.Uid] = tag;
            }
        }

        public bool Remove(string uid)
        {
            lock (_gate)
            {
                return _tags.Remove(uid);
            }
        }

        public bool SetSecurity(IEnumerable<string> uids, bool on)
        {
            var changed = false;
            lock (_gate)
            {
                foreach (var uid in uids)
                {
                    if (_tags.TryGetValue(uid, out var tag))
                    {
                        _tags[uid] = tag with { SecurityOn = on };
                        changed = true;
                    }
                }
            }

            return changed;
        }

        public IReadOnlyList<RfidTag> Tags()
        {
            lock (_gate)
            {
                return [.. _tags.Values.OrderBy(t => t.ItemBarcode, StringComparer.Ordinal).ThenBy(t => t.SetPart).ThenBy(t => t.Uid, StringComparer.Ordinal)];
            }
        }

        public void AddWatcher(Func<Task> watcher)
        {
            lock (_gate)
            {
                _watchers.Add(watcher);
            }
        }

        public void RemoveWatcher(Func<Task> watcher)
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }

        public IReadOnlyList<Func<Task>> Watchers()
        {
            lock (_gate)
            {
                return [.. _watchers];
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
