using MediaBib.Domain.Rfid;
using MediaBib.Web.Desk;

namespace MediaBib.Web.Rfid;

/// <summary>One item on the pad: its barcode and the uids of its tags (several for a set).</summary>
public sealed record PadItem(string Barcode, IReadOnlyList<string> Uids);

/// <summary>
/// "Check out / check in everything on the pad": each item goes through the desk's own scan queue
/// (<see cref="CheckoutSession"/> / <see cref="CheckinSession"/>) as if scanned, and its tags' security bit changes
/// only when that line is answered "done", i.e. after the engine's transaction has committed.
/// </summary>
public static class RfidPadBatch
{
    public static IReadOnlyList<PadItem> ItemsOn(IEnumerable<RfidTag> tags) =>
    [
        .. tags.GroupBy(t => t.ItemBarcode, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PadItem(g.Key, [.. g.OrderBy(t => t.SetPart).Select(t => t.Uid)])),
    ];

    /// <summary>
    /// Queues a checkout of every item on the pad for the session's patron, except those in <paramref name="handled"/>
    /// (already queued or done: a second click must not lend them twice); returns the items queued.
    /// </summary>
    public static IReadOnlyList<PadItem> CheckOutAll(
        this RfidPadRegistry pads, Guid padId, CheckoutSession session, Func<CheckoutLine, Task>? answered = null, IReadOnlySet<string>? handled = null)
    {
        var queued = new List<PadItem>();
        foreach (var item in ItemsOn(pads.TagsOn(padId)).Where(i => handled?.Contains(i.Barcode) != true))
        {
            var accepted = session.Scan(item.Barcode, async line =>
            {
                if (line.Status == ScanStatus.Done)
                {
                    // Lent: clear the security bit (AFI 0xC2) so the gates let it out.
                    await pads.SetSecurityAsync(padId, item.Uids, on: false);
                }

                if (answered is not null)
                {
                    await answered(line);
                }
            });
            if (accepted)
            {
                queued.Add(item);
            }
        }

        return queued;
    }

    /// <summary>Queues a checkin of every item on the pad except those in <paramref name="handled"/>; returns the items queued.</summary>
    public static IReadOnlyList<PadItem> CheckInAll(
        this RfidPadRegistry pads, Guid padId, CheckinSession session, Func<CheckinLine, Task>? answered = null, IReadOnlySet<string>? handled = null)
    {
        var queued = new List<PadItem>();
        foreach (var item in ItemsOn(pads.TagsOn(padId)).Where(i => handled?.Contains(i.Barcode) != true))
        {
            var accepted = session.Scan(item.Barcode, async line =>
            {
                if (line.Status == ScanStatus.Done)
                {
                    // Back in the library's hands: set the security bit again (AFI 0x07).
                    await pads.SetSecurityAsync(padId, item.Uids, on: true);
                }

                if (answered is not null)
                {
                    await answered(line);
                }
            });
            if (accepted)
            {
                queued.Add(item);
            }
        }

        return queued;
    }
}
