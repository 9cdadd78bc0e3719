using MediaBib.Domain.Rfid;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MediaBib.Web.Rfid;

/// <summary>
/// The hub desk RFID pads connect to (<c>/hubs/rfid-pads</c>) with their device key. Pad → server:
/// <see cref="TagPlaced"/>, <see cref="TagRemoved"/>. Server → pad: <c>SetSecurity(uid, on)</c>, sent by
/// <see cref="RfidPadRegistry.SetSecurityAsync"/> only once a checkout or checkin has committed.
/// </summary>
[Authorize(Policy = RfidPadAuthenticationHandler.PolicyName)]
public sealed class RfidPadHub(RfidPadRegistry registry) : Hub
{
    public const string Path = "/hubs/rfid-pads";

    /// <summary>Name of the client method that sets (true) or clears (false) a tag's security bit.</summary>
    public const string SetSecurityMethod = "SetSecurity";

    public const int MaxFieldLength = 64;

    public override async Task OnConnectedAsync()
    {
        var pad = RfidPadAuthenticationHandler.PadOf(Context.User);
        await Groups.AddToGroupAsync(Context.ConnectionId, RfidPadRegistry.GroupOf(pad.PadId));
        await registry.ConnectedAsync(pad, Context);
    }

    public override Task OnDisconnectedAsync(Exception? exception) =>
        registry.DisconnectedAsync(RfidPadAuthenticationHandler.PadOf(Context.User).PadId, Context.ConnectionId);

    /// <summary>A tag was put on the pad (or read again with new data).</summary>
    public Task TagPlaced(RfidTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (string.IsNullOrWhiteSpace(tag.Uid) || string.IsNullOrWhiteSpace(tag.ItemBarcode)
            || tag.Uid.Length > MaxFieldLength || tag.ItemBarcode.Length > MaxFieldLength || tag.OwnerIsil?.Length > MaxFieldLength
            || tag.SetSize is < 0 or > 255 || tag.SetPart is < 0 or > 255)
        {
            throw new HubException("Invalid tag: uid and itemBarcode are required (64 characters at most), set part and size 0–255.");
        }

        return registry.PlaceAsync(RfidPadAuthenticationHandler.PadOf(Context.User).PadId, tag with { Uid = tag.Uid.Trim(), ItemBarcode = tag.ItemBarcode.Trim() });
    }

    /// <summary>A tag left the pad.</summary>
    public Task TagRemoved(string uid) => registry.RemoveAsync(RfidPadAuthenticationHandler.PadOf(Context.User).PadId, uid?.Trim() ?? "");
}
