using System.Globalization;
using System.Text;

namespace MediaBib.Sip2.Protocol;

/// <summary>
/// Turns a response text into bytes: encoded in the terminal's charset, then, when the request used error detection,
/// "AY&lt;n&gt;AZ" and the checksum of all bytes so far, then the terminator.
/// </summary>
public static class Sip2Encoder
{
    public static byte[] Encode(string body, Encoding encoding, bool errorDetection, int? sequence, Sip2Terminator terminator)
    {
        var bodyBytes = encoding.GetBytes(body);
        var terminatorBytes = Sip2Framer.TerminatorBytes(terminator);
        if (!errorDetection)
        {
            return [.. bodyBytes, .. terminatorBytes];
        }
        var trailer = sequence is null ? "AZ" : "AY" + sequence.Value.ToString(CultureInfo.InvariantCulture) + "AZ";
        byte[] withTrailer = [.. bodyBytes, .. Encoding.ASCII.GetBytes(trailer)];
        var checksum = Encoding.ASCII.GetBytes(Checksum.ComputeHex(withTrailer));
        return [.. withTrailer, .. checksum, .. terminatorBytes];
    }
}
