using System.Diagnostics;
using MediaBib.Domain.Catalog;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>How one target answered a search.</summary>
public enum CopyTargetOutcome
{
    Answered,

    /// <summary>No answer within the target's timeout.</summary>
    TimedOut,

    /// <summary>Refused, unreachable, or an answer that is not SRU/Z39.50.</summary>
    Failed,
}

/// <summary>A record found on a target (at a 1-based position in its answer), parsed and mapped for the preview.</summary>
public sealed record CopyCatalogueRecord(string TargetId, long Position, MarcRecord Marc, MarcFlavour Flavour, MappedRecord Mapped);

/// <summary>What one target gave: records, records it sent that do not parse, or why it gave nothing.</summary>
public sealed record CopyTargetResult(
    string TargetId,
    string TargetName,
    CopyTargetOutcome Outcome,
    long Hits,
    IReadOnlyList<CopyCatalogueRecord> Records,
    IReadOnlyList<MarcReadError> Rejected,
    string? Error,
    TimeSpan Elapsed);

/// <summary>A target offered to the cataloguer.</summary>
public sealed record CopyTargetInfo(string Id, string Name, CopyTargetProtocol Protocol);

/// <summary>
/// Searches several copy-cataloguing targets at once. Each target has its own timeout: a slow or failing target gives a
/// <see cref="CopyTargetOutcome.TimedOut"/> or <see cref="CopyTargetOutcome.Failed"/> result and never delays the others
/// beyond its timeout. Nothing here touches the database.
/// </summary>
public sealed class CopyCatalogueClient
{
    private readonly IReadOnlyList<ICopyCatalogueTarget> _targets;
    private readonly int _maxRecords;

    public CopyCatalogueClient(IEnumerable<ICopyCatalogueTarget> targets, int maxRecords = 10)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        _targets = [.. targets];
        _maxRecords = maxRecords;
    }

    /// <summary>The targets of the configuration: SRU ones share <paramref name="http"/>.</summary>
    public static CopyCatalogueClient FromOptions(CopyCatalogueOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        var targets = options.EnabledTargets.Select(t => t.Value.Protocol switch
        {
            CopyTargetProtocol.Sru => (ICopyCatalogueTarget)new SruTarget(t.Key, t.Value, options.Timeout, http),
            CopyTargetProtocol.Z3950 => new Z3950Target(t.Key, t.Value, options.Timeout),
        });
        return new CopyCatalogueClient(targets, options.MaxRecords);
    }

    public IReadOnlyList<CopyTargetInfo> Targets => [.. _targets.Select(t => new CopyTargetInfo(t.Id, t.Name, t.Protocol))];

    /// <summary>Searches the targets named in <paramref name="targetIds"/> (all when null), in parallel; results in target order.</summary>
    public async Task<IReadOnlyList<CopyTargetResult>> SearchAsync(
        CopyCatalogueQuery query, IEnumerable<string>? targetIds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsEmpty)
        {
            throw new ArgumentException("Give an ISBN, a title or an author.", nameof(query));
        }

        var wanted = targetIds is null ? null : new HashSet<string>(targetIds, StringComparer.OrdinalIgnoreCase);
        var chosen = _targets.Where(t => wanted is null || wanted.Contains(t.Id)).ToList();
        return await Task.WhenAll(chosen.Select(t => SearchOneAsync(t, query, cancellationToken)));
    }

    private async Task<CopyTargetResult> SearchOneAsync(ICopyCatalogueTarget target, CopyCatalogueQuery query, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.Timeout);
        CopyTargetResult Failure(CopyTargetOutcome outcome, string message) =>
            new(target.Id, target.Name, outcome, 0, [], [], message, watch.Elapsed);

        Task<CopyTargetAnswer>? search = null;
        try
        {
            // Yield first so a target that blocks before its first await cannot hold up the others.
            search = Task.Run(() => target.SearchAsync(query, _maxRecords, timeout.Token), timeout.Token);
            var answer = await search.WaitAsync(target.Timeout, cancellationToken);
            var records = new List<CopyCatalogueRecord>();
            var rejected = new List<MarcReadError>();
            foreach (var result in answer.Results)
            {
                switch (result)
                {
                    case MarcRecordRead read:
                        var flavour = MarcFlavourDetector.Detect(read.Record);
                        records.Add(new CopyCatalogueRecord(target.Id, read.RecordNumber, read.Record, flavour, MarcMapper.Map(read.Record, flavour)));
                        break;
                    case MarcReadError error:
                        rejected.Add(error);
                        break;
                }
            }

            return new CopyTargetResult(target.Id, target.Name, CopyTargetOutcome.Answered, answer.Hits, records, rejected, null, watch.Elapsed);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Observe(search);
            return Failure(CopyTargetOutcome.TimedOut,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{target.Name}: no answer within {target.Timeout.TotalSeconds:0.#} s."));
        }
        catch (CopyTargetException e)
        {
            return Failure(CopyTargetOutcome.Failed, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failure(CopyTargetOutcome.Failed, $"{target.Name}: {e.Message}");
        }
    }

    /// <summary>A search we stopped waiting for still ends (ZOOM's own timeout); its outcome is of no interest.</summary>
    private static void Observe(Task? task) =>
        task?.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
