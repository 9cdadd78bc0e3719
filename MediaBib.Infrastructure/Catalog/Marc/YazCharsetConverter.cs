using System.Runtime.InteropServices;
using System.Text;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>
/// Converts legacy MARC character sets (MARC-8, ISO 5426, ISO 6937) to Unicode with YAZ's yaz_iconv (Debian
/// <c>libyaz5</c>, the converter Koha and PMB rely on). One instance holds one YAZ handle: not thread-safe.
/// </summary>
public sealed class YazCharsetConverter : IDisposable
{
    private const string Library = "libyaz.so.5";
    private const int YazIconvE2Big = 2;

    private static readonly Lazy<string?> LoadProblem = new(ProbeLibrary);

    private IntPtr _handle;

    private YazCharsetConverter(IntPtr handle, MarcEncoding from)
    {
        _handle = handle;
        From = from;
    }

    public MarcEncoding From { get; }

    /// <summary>Null when libyaz is usable; otherwise one sentence saying what is missing.</summary>
    public static string? Unavailability => LoadProblem.Value;

    /// <summary>The name YAZ accepts for a character set.</summary>
    public static string YazName(MarcEncoding encoding) => encoding switch
    {
        MarcEncoding.Utf8 => "utf-8",
        MarcEncoding.Marc8 => "marc8",
        MarcEncoding.Iso5426 => "iso5426",
        MarcEncoding.Iso6937 => "iso6937",
    };

    /// <summary>Opens a converter to UTF-8; throws <see cref="MarcCharsetException"/> if libyaz is missing.</summary>
    public static YazCharsetConverter Open(MarcEncoding from)
    {
        if (Unavailability is { } problem)
        {
            throw new MarcCharsetException(problem);
        }

        var handle = NativeMethods.yaz_iconv_open("utf-8", YazName(from));
        if (handle == IntPtr.Zero)
        {
            throw new MarcCharsetException($"YAZ does not know the character set '{YazName(from)}'.");
        }

        return new YazCharsetConverter(handle, from);
    }

    /// <summary>Converts one run of text (a subfield or a control field) and resets the converter's state.</summary>
    public string Convert(ReadOnlySpan<byte> input)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        if (input.IsEmpty)
        {
            return "";
        }

        var inBytes = input.ToArray();
        var outBytes = new byte[(inBytes.Length * 4) + 16];
        while (true)
        {
            var inHandle = GCHandle.Alloc(inBytes, GCHandleType.Pinned);
            var outHandle = GCHandle.Alloc(outBytes, GCHandleType.Pinned);
            try
            {
                var inPtr = inHandle.AddrOfPinnedObject();
                var inLeft = (nuint)inBytes.Length;
                var outStart = outHandle.AddrOfPinnedObject();
                var outPtr = outStart;
                var outLeft = (nuint)outBytes.Length;
                var rc = NativeMethods.yaz_iconv(_handle, ref inPtr, ref inLeft, ref outPtr, ref outLeft);
                var failed = rc == nuint.MaxValue;
                var error = failed ? NativeMethods.yaz_iconv_error(_handle) : 0;
                if (!failed)
                {
                    // Flush: emits anything held back (combining marks) and resets the state for the next run.
                    rc = NativeMethods.yaz_iconv_flush(_handle, IntPtr.Zero, IntPtr.Zero, ref outPtr, ref outLeft);
                    failed = rc == nuint.MaxValue;
                    error = failed ? NativeMethods.yaz_iconv_error(_handle) : 0;
                }

                if (!failed)
                {
                    var written = (int)(outPtr - outStart);
                    return Encoding.UTF8.GetString(outBytes, 0, written);
                }

                NativeMethods.yaz_iconv_flush(_handle, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
                if (error != YazIconvE2Big || outBytes.Length > 64 * inBytes.Length)
                {
                    var offset = inBytes.Length - (int)inLeft;
                    throw new MarcCharsetException(
                        $"YAZ could not convert {YazName(From)} to UTF-8 (error {error}) at byte {offset} of the field.");
                }
            }
            finally
            {
                inHandle.Free();
                outHandle.Free();
            }

            outBytes = new byte[outBytes.Length * 2];
        }
    }

    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            _ = NativeMethods.yaz_iconv_close(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private static string? ProbeLibrary()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(YazCharsetConverter).Assembly, null, out _))
        {
            return "Legacy MARC character sets (MARC-8, ISO 5426, ISO 6937) need YAZ: install the Debian package libyaz5 "
                + $"({Library} was not found). UTF-8 records do not need it.";
        }

        return null;
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; the signatures are blittable.
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern IntPtr yaz_iconv_open([MarshalAs(UnmanagedType.LPUTF8Str)] string tocode, [MarshalAs(UnmanagedType.LPUTF8Str)] string fromcode);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern nuint yaz_iconv(IntPtr cd, ref IntPtr inbuf, ref nuint inbytesleft, ref IntPtr outbuf, ref nuint outbytesleft);

        [DllImport(Library, EntryPoint = "yaz_iconv", CallingConvention = CallingConvention.Cdecl)]
        public static extern nuint yaz_iconv_flush(IntPtr cd, IntPtr inbuf, IntPtr inbytesleft, ref IntPtr outbuf, ref nuint outbytesleft);

        [DllImport(Library, EntryPoint = "yaz_iconv", CallingConvention = CallingConvention.Cdecl)]
        public static extern nuint yaz_iconv_flush(IntPtr cd, IntPtr inbuf, IntPtr inbytesleft, IntPtr outbuf, IntPtr outbytesleft);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int yaz_iconv_error(IntPtr cd);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int yaz_iconv_close(IntPtr cd);
#pragma warning restore SYSLIB1054
    }
}

/// <summary>A legacy character set could not be converted (or YAZ is not installed).</summary>
public sealed class MarcCharsetException(string message) : Exception(message);
