using System.Globalization;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Web.Catalogue;
using MediaBib.Web.Resources;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Components.Catalogue;

/// <summary>
/// Import of a MARC file from the browser: the upload is copied to a temporary file, then <see cref="CatalogImport"/>
/// runs (match rules, binary COPY, <c>import</c> audit entries) with a live progress bar fed after every batch; the end
/// report lists the counts and every record left out, and its CSV can be downloaded.
/// </summary>
public sealed partial class ImportPage : IDisposable
{
    /// <summary>Largest upload through the browser; a larger file goes through the command line.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    private const int ShownProblems = 200;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private readonly CancellationTokenSource _stop = new();
    private IBrowserFile? _file;
    private ImportFormat _format = ImportFormat.Detect;
    private MarcFlavour? _flavour;
    private MatchAction _onMatch = MatchAction.Skip;
    private string _defaultLibrary = "";
    private string _defaultType = "";
    private IReadOnlyList<LibraryOption> _libraries = [];
    private IReadOnlyList<ItemTypeOption> _itemTypes = [];
    private ImportProgress? _progress;
    private double _percent;
    private ImportReport? _report;
    private Guid? _reportId;
    private string? _formError;
    private string? _failure;
    private bool _running;
    private bool _loaded;

    [Inject]
    private CatalogImport Import { get; set; } = default!;

    [Inject]
    private DashboardQueries Dashboard { get; set; } = default!;

    [Inject]
    private ImportReports Reports { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CatalogueResource> R { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _libraries = await Dashboard.LibrariesAsync();
        _itemTypes = await Dashboard.ItemTypesAsync();
        _loaded = true;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static string Size(long bytes) =>
        bytes >= 1 << 20 ? (bytes / 1048576.0).ToString("0.0 'Mo'", French) : (bytes / 1024.0).ToString("0.0 'ko'", French);

    private void FileChosen(IBrowserFile? file)
    {
        _file = file;
        _formError = null;
    }

    private IEnumerable<(string Label, long Count)> Counts(ImportReport report) =>
    [
        (R["Import.Read"], report.Read), (R["Import.Created"], report.Created), (R["Import.ReplacedCount"], report.Replaced),
        (R["Import.MergedCount"], report.Merged), (R["Import.SkippedCount"], report.Skipped), (R["Import.RejectedCount"], report.Rejected),
        (R["Import.ItemsCreated"], report.ItemsCreated), (R["Import.ItemsNotCreated"], report.ItemsNotCreated),
    ];

    private async Task ImportAsync()
    {
        if (_file is not { } file)
        {
            _formError = R["Import.NoFile"];
            return;
        }

        if (file.Size > MaxUploadBytes)
        {
            _formError = R["Import.TooLarge", MaxUploadBytes >> 20];
            return;
        }

        (_formError, _failure, _report, _reportId, _progress, _percent, _running) = (null, null, null, null, null, 0, true);
        var actor = await Staff.ActorAsync();
        var temp = Path.Combine(Path.GetTempPath(), $"mediabib-import-{Guid.NewGuid():N}");
        try
        {
            // The codec reads synchronously: copy the upload to a temporary file first.
            await using (var upload = file.OpenReadStream(MaxUploadBytes, _stop.Token))
            await using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await upload.CopyToAsync(copy, _stop.Token);
            }

            await using var input = new CountingStream(new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
            var progress = new UiProgress(this, input);
            var options = new ImportOptions
            {
                Format = _format,
                Flavour = _flavour,
                OnMatch = _onMatch,
                SourceName = file.Name,
                Items = new ItemMapping
                {
                    DefaultLibraryCode = _defaultLibrary.Length == 0 ? null : _defaultLibrary,
                    DefaultItemTypeCode = _defaultType.Length == 0 ? null : _defaultType,
                },
            };
            var report = await Task.Run(() => Import.ImportAsync(input, options, actor, progress, _stop.Token), _stop.Token);
            _report = report;
            _progress = report.Progress;
            _percent = 100;
            _reportId = Reports.Keep(actor.Name, report);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            _failure = e.Message;
        }
        finally
        {
            _running = false;
            File.Delete(temp);
        }
    }

    /// <summary>Counts after each batch, and how far into the file the reader is, shown on the page.</summary>
    private sealed class UiProgress(ImportPage page, CountingStream input) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => _ = page.InvokeAsync(() =>
        {
            page._progress = value;
            page._percent = input.Length == 0 ? 0 : Math.Min(100, 100.0 * input.BytesRead / input.Length);
            page.StateHasChanged();
        });
    }

    /// <summary>A read-only stream that counts the bytes read (read from the import's thread, shown on the page's).</summary>
    private sealed class CountingStream(FileStream inner) : Stream
    {
        private long _read;

        public long BytesRead => Interlocked.Read(ref _read);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length { get; } = inner.Length;

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            Interlocked.Add(ref _read, n);
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            Interlocked.Add(ref _read, n);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
