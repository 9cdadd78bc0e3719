using System.Buffers.Binary;
using System.Text;

namespace MediaBib.Bench.Desk;

/// <summary>
/// Reads the attribute frames of a Blazor Server render batch (the bytes of <c>JS.RenderBatch</c>), in the layout
/// blazor.web.js reads them: the last five int32 give the offsets of the updated components, the reference frames,
/// the disposed components, the disposed event handlers and the string table; a reference frame is 20 bytes (type, then
/// three type-specific int32/int64); an attribute frame (type 3) holds the string-table indexes of its name and value.
/// </summary>
internal static class RenderBatchReader
{
    private const int AttributeFrame = 3;
    private const int FrameLength = 20;

    /// <summary>Every attribute (name, value) the batch sets: on new elements and as changes to existing ones.</summary>
    public static List<(string Name, string? Value)> Attributes(ReadOnlySpan<byte> batch)
    {
        var referenceFrames = Int(batch, batch.Length - 16);
        var stringTable = Int(batch, batch.Length - 4);
        var count = Int(batch, referenceFrames);
        var attributes = new List<(string, string?)>();
        for (var i = 0; i < count; i++)
        {
            var frame = referenceFrames + 4 + i * FrameLength;
            if (Int(batch, frame) == AttributeFrame)
            {
                attributes.Add((String(batch, stringTable, Int(batch, frame + 4)) ?? "", String(batch, stringTable, Int(batch, frame + 8))));
            }
        }

        return attributes;
    }

    private static int Int(ReadOnlySpan<byte> batch, int position) => BinaryPrimitives.ReadInt32LittleEndian(batch[position..]);

    /// <summary>A string of the table: an int32 position, then .NET BinaryWriter's LEB128 length and UTF-8 bytes.</summary>
    private static string? String(ReadOnlySpan<byte> batch, int stringTable, int index)
    {
        if (index == -1)
        {
            return null;
        }

        var position = Int(batch, stringTable + index * 4);
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = batch[position++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        return Encoding.UTF8.GetString(batch.Slice(position, length));
    }
}
