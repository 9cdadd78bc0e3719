namespace MediaBib.Domain.Rfid;

/// <summary>
/// What a desk pad reads from an ISO 28560 tag (the French library data model): the primary item identifier (the
/// item's barcode), the owner library's ISIL, the set information "part n of m" (a box of 3 CDs carries 3 tags with
/// the same identifier, parts 1, 2 and 3 of 3) and the security state (AFI 0x07 on the shelf, 0xC2 lent out).
/// </summary>
/// <param name="Uid">The chip's unique identifier (ISO 15693, e.g. <c>E004…</c>).</param>
/// <param name="ItemBarcode">The primary item identifier.</param>
/// <param name="OwnerIsil">The owner library's ISIL (e.g. <c>FR-751131015</c>), when the tag carries one.</param>
/// <param name="SetPart">This tag's part of the set (1-based).</param>
/// <param name="SetSize">Parts in the set (1 for a single-part item).</param>
/// <param name="SecurityOn">Whether the security bit is set (the gates alarm).</param>
public sealed record RfidTag(string Uid, string ItemBarcode, string? OwnerIsil, int SetPart, int SetSize, bool SecurityOn)
{
    /// <summary>AFI of an item that may not leave the library (security on).</summary>
    public const byte AfiSecured = 0x07;

    /// <summary>AFI of an item lent out (security off).</summary>
    public const byte AfiLent = 0xC2;

    public byte Afi => SecurityOn ? AfiSecured : AfiLent;
}

/// <summary>Parts of a set missing from the pad: <see cref="Missing"/> of <see cref="SetSize"/>.</summary>
public sealed record IncompleteSet(string ItemBarcode, int SetSize, IReadOnlyList<int> Missing);

/// <summary>Set checks over the tags lying on a pad.</summary>
public static class RfidSets
{
    /// <summary>
    /// Items whose set is not whole on the pad (CD 2 of 3 missing). Tags of one item share its barcode; a set size
    /// of 0 or 1 means a single-part item. When tags of one item disagree on the size, the largest one counts.
    /// </summary>
    public static IReadOnlyList<IncompleteSet> Incomplete(IEnumerable<RfidTag> tags) =>
    [
        .. tags.GroupBy(t => t.ItemBarcode, StringComparer.Ordinal)
            .Select(g =>
            {
                var size = g.Max(t => t.SetSize);
                var present = g.Select(t => t.SetPart).ToHashSet();
                return new IncompleteSet(g.Key, size, [.. Enumerable.Range(1, Math.Max(size, 0)).Where(p => !present.Contains(p))]);
            })
            .Where(s => s.SetSize > 1 && s.Missing.Count > 0)
            .OrderBy(s => s.ItemBarcode, StringComparer.Ordinal),
    ];
}
