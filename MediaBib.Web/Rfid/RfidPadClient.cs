using System.Security.Cryptography;
using MediaBib.Domain.Rfid;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;

namespace MediaBib.Web.Rfid;

/// <summary>
/// A pad agent: connects to <c>/hubs/rfid-pads</c> with a device key, reports the tags placed and removed, and applies
/// the security commands it receives. The pad simulator and the tests use it; a real pad's driver would do the same.
/// </summary>
public sealed class RfidPadClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RfidTag> _tags = new(StringComparer.Ordinal);

    /// <param name="baseUrl">The web app (<c>http://localhost:5000</c>); the hub path is added.</param>
    /// <param name="key">The pad's device key (<c>mbr_…</c>).</param>
    /// <param name="configure">Transport settings (tests point it at an in-memory server).</param>
    public RfidPadClient(Uri baseUrl, string key, Action<HttpConnectionOptions>? configure = null)
    {
        _connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, RfidPadHub.Path), o =>
            {
                o.Headers[RfidPadAuthenticationHandler.KeyHeader] = key;
                configure?.Invoke(o);
            })
            .WithAutomaticReconnect()
            .Build();
        _connection.On<string, bool>(RfidPadHub.SetSecurityMethod, OnSetSecurity);

        // The server forgets a pad's tags when its connection drops: tell it again what lies on the pad.
        _connection.Reconnected += async _ =>
        {
            foreach (var tag in Tags)
            {
                await _connection.InvokeAsync(nameof(RfidPadHub.TagPlaced), tag);
            }
        };
    }

    /// <summary>Raised when the server set (true) or cleared (false) a tag's security bit.</summary>
    public event Action<RfidTag, bool>? SecurityChanged;

    public IReadOnlyList<RfidTag> Tags
    {
        get
        {
            lock (_gate)
            {
                return [.. _tags.Values.OrderBy(t => t.ItemBarcode, StringComparer.Ordinal).ThenBy(t => t.SetPart)];
            }
        }
    }

    public Task StartAsync(CancellationToken ct = default) => _connection.StartAsync(ct);

    /// <summary>Puts a tag on the pad (a new chip uid) and reports it.</summary>
    public async Task<RfidTag> PlaceAsync(string barcode, int part = 1, int size = 1, string? ownerIsil = null, bool securityOn = true, CancellationToken ct = default)
    {
        var tag = new RfidTag(NewUid(), barcode, ownerIsil, part, size, securityOn);
        await _connection.InvokeAsync(nameof(RfidPadHub.TagPlaced), tag, ct);
        lock (_gate)
        {
            _tags[tag.Uid] = tag;
        }

        return tag;
    }

    /// <summary>Takes the tags of <paramref name="barcode"/> (all, or one part) off the pad; returns them.</summary>
    public async Task<IReadOnlyList<RfidTag>> RemoveAsync(string barcode, int? part = null, CancellationToken ct = default)
    {
        var gone = Tags.Where(t => t.ItemBarcode == barcode && (part is null || t.SetPart == part)).ToList();
        foreach (var tag in gone)
        {
            await _connection.InvokeAsync(nameof(RfidPadHub.TagRemoved), tag.Uid, ct);
            lock (_gate)
            {
                _tags.Remove(tag.Uid);
            }
        }

        return gone;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>An ISO 15693 uid: E0, the manufacturer (04), then 6 random bytes.</summary>
    private static string NewUid() => "E004" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));

    private void OnSetSecurity(string uid, bool on)
    {
        RfidTag? tag;
        lock (_gate)
        {
            if (!_tags.TryGetValue(uid, out tag))
            {
                return;
            }

            tag = _tags[uid] = tag with { SecurityOn = on };
        }

        SecurityChanged?.Invoke(tag, on);
    }
}
