using System.Runtime.InteropServices;

namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>
/// The few functions of YAZ's ZOOM C API (Debian <c>libyaz5</c>) that a Z39.50 search needs. ZOOM handles the BER
/// encoding, init/search/present and record syntaxes; a connection is used by one thread at a time.
/// </summary>
internal static class YazZoom
{
    private const string Library = "libyaz.so.5";

    /// <summary>ZOOM_ERROR_TIMEOUT.</summary>
    public const int TimeoutError = 10007;

    private static readonly Lazy<string?> LoadProblem = new(() =>
        NativeLibrary.TryLoad(Library, typeof(YazZoom).Assembly, null, out _)
            ? null
            : $"Z39.50 needs YAZ: install the Debian package libyaz5 ({Library} was not found).");

    /// <summary>Null when libyaz is usable; otherwise one sentence saying what is missing.</summary>
    public static string? Unavailability => LoadProblem.Value;

    /// <summary>The connection's error code (0: none) and its message.</summary>
    public static (int Code, string Message) Error(IntPtr connection)
    {
        var code = NativeMethods.ZOOM_connection_error(connection, out var message, out var addInfo);
        return (code, Describe(message, addInfo));
    }

    public static (int Code, string Message) RecordError(IntPtr record)
    {
        var code = NativeMethods.ZOOM_record_error(record, out var message, out var addInfo, out _);
        return (code, Describe(message, addInfo));
    }

    /// <summary>The bytes of a record in the given form (<c>raw</c>, <c>xml</c>, <c>syntax</c>), or null.</summary>
    public static byte[]? RecordBytes(IntPtr record, string type)
    {
        var data = NativeMethods.ZOOM_record_get(record, type, out var length);
        if (data == IntPtr.Zero || length <= 0)
        {
            return null;
        }

        var bytes = new byte[length];
        Marshal.Copy(data, bytes, 0, length);
        return bytes;
    }

    private static string Describe(IntPtr message, IntPtr addInfo)
    {
        var text = Marshal.PtrToStringUTF8(message) ?? "";
        var more = Marshal.PtrToStringUTF8(addInfo);
        return string.IsNullOrEmpty(more) ? text : $"{text} ({more})";
    }

    internal static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // DllImport keeps the project free of unsafe code; the signatures are blittable.
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr ZOOM_connection_create(IntPtr options);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern void ZOOM_connection_option_set(
            IntPtr connection, [MarshalAs(UnmanagedType.LPUTF8Str)] string key, [MarshalAs(UnmanagedType.LPUTF8Str)] string value);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern void ZOOM_connection_connect(IntPtr connection, [MarshalAs(UnmanagedType.LPUTF8Str)] string host, int port);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int ZOOM_connection_error(IntPtr connection, out IntPtr message, out IntPtr addInfo);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern IntPtr ZOOM_connection_search_pqf(IntPtr connection, [MarshalAs(UnmanagedType.LPUTF8Str)] string query);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void ZOOM_connection_destroy(IntPtr connection);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern nuint ZOOM_resultset_size(IntPtr resultSet);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr ZOOM_resultset_record(IntPtr resultSet, nuint position);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void ZOOM_resultset_destroy(IntPtr resultSet);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern IntPtr ZOOM_record_get(IntPtr record, [MarshalAs(UnmanagedType.LPUTF8Str)] string type, out int length);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern int ZOOM_record_error(IntPtr record, out IntPtr message, out IntPtr addInfo, out IntPtr diagSet);
#pragma warning restore SYSLIB1054
    }
}
