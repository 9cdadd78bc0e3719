using System.Globalization;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>
/// A Z39.50 server searched through YAZ's ZOOM API (blocking calls, so each search runs on its own thread; ZOOM's own
/// timeout ends a search that <see cref="CopyCatalogueClient"/> stopped waiting for). Records are fetched "raw" and
/// parsed by the MARC codec, which converts MARC-8 / ISO 5426 to Unicode.
/// </summary>
public sealed class Z3950Target : ICopyCatalogueTarget
{
    private readonly CopyTargetOptions _options;
    private readonly Z3950Address _address;

    public Z3950Target(string id, CopyTargetOptions options, TimeSpan defaultTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Z3950Address.TryParse(options.Address, out _address))
        {
            throw new ArgumentException($"Z39.50 target {id}: '{options.Address}' is not host:port/database.", nameof(options));
        }

        Id = id;
        Name = string.IsNullOrWhiteSpace(options.Name) ? id : options.Name;
        Timeout = options.Timeout ?? defaultTimeout;
        _options = options;
    }

    public string Id { get; }

    public string Name { get; }

    public CopyTargetProtocol Protocol => CopyTargetProtocol.Z3950;

    public TimeSpan Timeout { get; }

    public Task<CopyTargetAnswer> SearchAsync(CopyCatalogueQuery query, int maxRecords, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pqf = query.ToPqf();
        return Task.Factory.StartNew(() => Search(pqf, maxRecords), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private CopyTargetAnswer Search(string pqf, int maxRecords)
    {
        if (YazZoom.Unavailability is { } problem)
        {
            throw new CopyTargetException(problem);
        }

        var connection = YazZoom.NativeMethods.ZOOM_connection_create(IntPtr.Zero);
        var resultSet = IntPtr.Zero;
        try
        {
            void Set(string key, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    YazZoom.NativeMethods.ZOOM_connection_option_set(connection, key, value);
                }
            }

            // ZOOM counts whole seconds; one more than ours, so our own timeout is the one that normally fires.
            Set("timeout", ((int)Math.Ceiling(Timeout.TotalSeconds) + 1).ToString(CultureInfo.InvariantCulture));
            Set("databaseName", _address.Database);
            Set("preferredRecordSyntax", _options.RecordSyntax);
            Set("elementSetName", "F");
            Set("user", _options.User);
            Set("password", _options.Password);
            Set("count", maxRecords.ToString(CultureInfo.InvariantCulture));
            YazZoom.NativeMethods.ZOOM_connection_connect(connection, _address.Host + ":" + _address.Port.ToString(CultureInfo.InvariantCulture), 0);
            Check(connection, "connection");

            resultSet = YazZoom.NativeMethods.ZOOM_connection_search_pqf(connection, pqf);
            Check(connection, "search");
            var hits = (long)YazZoom.NativeMethods.ZOOM_resultset_size(resultSet);
            var results = new List<MarcReadResult>();
            for (var i = 0; i < Math.Min(hits, maxRecords); i++)
            {
                var record = YazZoom.NativeMethods.ZOOM_resultset_record(resultSet, (nuint)i);
                if (record == IntPtr.Zero)
                {
                    Check(connection, "present");
                    break;
                }

                var position = i + 1;
                var (code, message) = YazZoom.RecordError(record);
                if (code != 0)
                {
                    results.Add(new MarcReadError(position, null, MarcReadErrorReason.SurrogateDiagnostic,
                        string.Create(CultureInfo.InvariantCulture, $"diagnostic {code}: {message}")));
                    continue;
                }

                var raw = YazZoom.RecordBytes(record, "raw");
                results.Add(raw is null
                    ? new MarcReadError(position, null, MarcReadErrorReason.EmptyRecord, "the server sent an empty record")
                    : CopyRecordParser.Parse(raw, position));
            }

            return new CopyTargetAnswer(hits, results);
        }
        finally
        {
            if (resultSet != IntPtr.Zero)
            {
                YazZoom.NativeMethods.ZOOM_resultset_destroy(resultSet);
            }

            YazZoom.NativeMethods.ZOOM_connection_destroy(connection);
        }
    }

    private void Check(IntPtr connection, string step)
    {
        var (code, message) = YazZoom.Error(connection);
        if (code == YazZoom.TimeoutError)
        {
            throw new TimeoutException($"{Name}: no answer from {_address} ({step}).");
        }

        if (code != 0)
        {
            throw new CopyTargetException(string.Create(CultureInfo.InvariantCulture, $"{Name}: {step} failed on {_address}: {message} (ZOOM error {code})."));
        }
    }
}

/// <summary>Parses one record fetched from a target: ISO 2709 (any MARC character set) or XML.</summary>
internal static class CopyRecordParser
{
    public static MarcReadResult Parse(byte[] bytes, long position)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var first = Import.MarcInput.Read(stream, Import.ImportFormat.Detect).FirstOrDefault();
        return Renumber(first ?? new MarcReadError(position, null, MarcReadErrorReason.EmptyRecord, "the server sent no record"), position);
    }

    public static MarcReadResult Renumber(MarcReadResult result, long position) => result switch
    {
        MarcRecordRead read => new MarcRecordRead(position, null, read.Record, read.SourceEncoding),
        MarcReadError error => new MarcReadError(position, null, error.Reason, error.Detail) { Line = error.Line, Column = error.Column },
        _ => throw new InvalidOperationException("Unknown read result."),
    };
}
