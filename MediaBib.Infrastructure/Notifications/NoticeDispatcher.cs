using System.Collections.Concurrent;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Notifications.Channels;
using MediaBib.Infrastructure.Notifications.Templates;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace MediaBib.Infrastructure.Notifications;

/// <summary>What one dispatch run did.</summary>
public sealed record DispatchSummary(int Sent, int FellBack, int Failed);

/// <summary>
/// Sends queued notices. A notice is first claimed (row locked with SKIP LOCKED, then set to Sending with a lease, in
/// one short transaction), so two dispatchers never take the same one and a notice left in Sending by a crash is taken
/// again once its lease ends. Transient failures are retried with exponential back-off (Polly); after the last
/// attempt on a channel the notice falls back to the patron's next channel. Every outcome is written to the row.
/// </summary>
public sealed class NoticeDispatcher(
    IDbContextFactory<MediaBibDbContext> dbFactory,
    IEnumerable<INoticeChannelSender> senders,
    NoticeTemplateRenderer renderer,
    IOptions<NoticeDispatchOptions> options,
    TimeProvider clock,
    ILogger<NoticeDispatcher> logger,
    IEnumerable<INoticeSentObserver>? observers = null)
{
    private readonly INoticeSentObserver[] _observers = [.. observers ?? []];
    private static readonly Actor Dispatcher = new(ActorKind.System, "notices");
    private readonly Dictionary<NoticeChannel, INoticeChannelSender> _senders = senders.ToDictionary(s => s.Channel);
    private readonly NoticeDispatchOptions _options = options.Value;
    private readonly ResiliencePipeline _retry = BuildRetry(options.Value, clock);

    /// <summary>Sends every notice due now, batch after batch, until none is left.</summary>
    public Task<DispatchSummary> DispatchDueAsync(CancellationToken ct) => DispatchAsync(null, ct);

    /// <summary>
    /// Sends the notices due now for these patrons only, e.g. a hold-ready notice right after the hold is trapped,
    /// without waiting for the scheduled run.
    /// </summary>
    public Task<DispatchSummary> DispatchForPatronsAsync(IReadOnlyCollection<Guid> patronIds, CancellationToken ct) =>
        DispatchAsync([.. patronIds], ct);

    private async Task<DispatchSummary> DispatchAsync(Guid[]? patronIds, CancellationToken ct)
    {
        int sent = 0, fellBack = 0, failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism), CancellationToken = ct };
        var run = new RunCache();
        while (true)
        {
            var claimed = await ClaimAsync(patronIds, ct);
            if (claimed.Count == 0)
            {
                return new DispatchSummary(sent, fellBack, failed);
            }

            // What the batch's notices need, read once: their patrons, and the libraries and templates of the run.
            await run.LoadAsync(dbFactory, claimed, ct);
            await Parallel.ForEachAsync(claimed, parallel, async (notice, token) =>
            {
                switch (await SendOneAsync(notice.Notice, run, token))
                {
                    case NoticeStatus.Sent: Interlocked.Increment(ref sent); break;
                    case NoticeStatus.FellBack or NoticeStatus.Bounced: Interlocked.Increment(ref fellBack); break;
                    case NoticeStatus.Failed: Interlocked.Increment(ref failed); break;
                }
            });
        }
    }

    private async Task<IReadOnlyList<ClaimedNotice>> ClaimAsync(Guid[]? patronIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = Dispatcher;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var notices = await (patronIds is null
            ? db.Notices.FromSql($"""
                SELECT *, xmin FROM notices
                WHERE (status = 'Queued' AND next_attempt_at <= {now}) OR (status = 'Sending' AND lease_until <= {now})
                ORDER BY next_attempt_at
                LIMIT {_options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            : db.Notices.FromSql($"""
                SELECT *, xmin FROM notices
                WHERE ((status = 'Queued' AND next_attempt_at <= {now}) OR (status = 'Sending' AND lease_until <= {now}))
                  AND patron_id = ANY({patronIds})
                ORDER BY next_attempt_at
                LIMIT {_options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """))
            .ToListAsync(ct);
        foreach (var notice in notices)
        {
            notice.Claim(now, _options.Lease);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return [.. notices.Select(n => new ClaimedNotice(n, n.PatronId, n.LibraryId))];
    }

    /// <summary>Sends one claimed notice; the entity comes from the claim (its row version read back), attached to a new context.</summary>
    private async Task<NoticeStatus?> SendOneAsync(Notice notice, RunCache run, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = Dispatcher;
        db.Notices.Attach(notice);
        var patron = run.Patrons.GetValueOrDefault(notice.PatronId);
        var libraryModel = run.Libraries[notice.LibraryId];
        var sender = _senders.GetValueOrDefault(notice.Channel);
        var recipient = patron is null || patron.AnonymizedAt is not null
            ? null
            : new NoticeRecipient(patron.FullName, patron.Email, patron.Phone, patron.Address);
        var address = recipient is null ? null : sender?.AddressOf(recipient);
        if (sender is null || recipient is null || address is null)
        {
            var reason = sender is null ? $"Aucun envoi configuré pour le canal {notice.Channel.Code()}."
                : recipient is null ? "Lecteur anonymisé ou supprimé."
                : $"Pas d'adresse pour le canal {notice.Channel.Code()}.";
            return await GiveUpAsync(db, notice, attempts: 0, reason, bounced: false, ct);
        }

        RenderedNotice content;
        try
        {
            var template = await run.TemplateAsync(dbFactory, notice.TemplateKey, notice.Channel, ct)
                ?? throw new TemplateException([new TemplateError("modèle", 0, 0, $"Modèle « {notice.TemplateKey} » introuvable pour le canal {notice.Channel.Code()}.")]);
            var model = new NoticeModel(libraryModel,
                new NoticePatronModel(patron!.FirstName, patron.LastName, patron.CardNumber.Value, patron.Address, patron.Balance, patron.ExpiresOn),
                [.. notice.Items.Select(i => new NoticeItemModel(i.Title, i.Barcode, i.LoanDueAt, i.Price))],
                notice.Level, clock.GetUtcNow().UtcDateTime);
            content = renderer.Render(template, model);
        }
        catch (TemplateException ex)
        {
            return await GiveUpAsync(db, notice, attempts: 0, ex.Message, bounced: false, ct);
        }

        notice.RecordContent(address, content.Subject, content.Text);
        var outgoing = new OutgoingNotice(notice.Id, recipient, content, libraryModel);
        var attempts = 0;
        string? lastError = null;
        try
        {
            var reference = await _retry.ExecuteAsync(async token =>
            {
                attempts++;
                try
                {
                    return await sender.SendAsync(outgoing, token);
                }
                catch (NoticeSendException ex)
                {
                    lastError = ex.Message;
                    throw;
                }
            }, ct);
            notice.RecordAttempts(attempts, lastError);
            notice.MarkSent(clock.GetUtcNow().UtcDateTime, reference);
            db.RecordAction(AuditAction.NoticeSent, notice, $"Avis envoyé par {notice.Channel.Code()} à {address}");
            await db.SaveChangesAsync(CancellationToken.None);
            foreach (var observer in _observers)
            {
                await observer.SentAsync(notice, ct);
            }

            return NoticeStatus.Sent;
        }
        catch (NoticeSendException ex)
        {
            return await GiveUpAsync(db, notice, attempts, ex.Message, ex.IsBounce, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            notice.RecordAttempts(attempts, lastError);
            notice.Release(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<NoticeStatus> GiveUpAsync(MediaBibDbContext db, Notice notice, int attempts, string error, bool bounced, CancellationToken ct)
    {
        notice.RecordAttempts(attempts, error);
        var next = notice.GiveUp(clock.GetUtcNow().UtcDateTime, bounced);
        if (next is not null)
        {
            db.Notices.Add(next);
        }

        db.RecordAction(AuditAction.NoticeFailed, notice, next is null
            ? $"Avis non envoyé ({notice.Channel.Code()}) : {error}"
            : $"Avis non envoyé ({notice.Channel.Code()}), repli sur {next.Channel.Code()} : {error}");
        await db.SaveChangesAsync(ct);
        logger.LogWarning("Notice {NoticeId} on {Channel} gave up after {Attempts} attempt(s): {Error}", notice.Id, notice.Channel, attempts, error);
        return notice.Status;
    }

    private static ResiliencePipeline BuildRetry(NoticeDispatchOptions options, TimeProvider clock)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.MaxAttemptsPerChannel > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NoticeSendException>(e => e.IsTransient),
                MaxRetryAttempts = options.MaxAttemptsPerChannel - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                UseJitter = false,
            });
        }

        return builder.Build();
    }
}

/// <summary>
/// Told after each notice is recorded as sent (monitoring). It runs inside the dispatch: an exception thrown here
/// stops the run like a crash would, which the tests use to check that a run stopped half-way is completed by the
/// next one without sending anything twice.
/// </summary>
public interface INoticeSentObserver
{
    ValueTask SentAsync(Notice notice, CancellationToken ct);
}

/// <summary>A notice taken by a dispatcher, with what its batch needs to load.</summary>
internal sealed record ClaimedNotice(Notice Notice, Guid PatronId, Guid LibraryId);

/// <summary>
/// What one dispatch run reads once instead of once per notice: each batch's patrons (one query per batch), the
/// libraries' letterheads and the templates (stored copy, else the built-in default) used during the run.
/// </summary>
internal sealed class RunCache
{
    private readonly ConcurrentDictionary<(string Key, NoticeChannel Channel), Lazy<Task<NoticeTemplate?>>> _templates = new();

    public Dictionary<Guid, Patron> Patrons { get; private set; } = [];

    public ConcurrentDictionary<Guid, NoticeLibraryModel> Libraries { get; } = new();

    public async Task LoadAsync(IDbContextFactory<MediaBibDbContext> dbFactory, IReadOnlyList<ClaimedNotice> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var patronIds = batch.Select(n => n.PatronId).Distinct().ToList();
        Patrons = await db.Patrons.AsNoTracking().Where(p => patronIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var missing = batch.Select(n => n.LibraryId).Distinct().Where(id => !Libraries.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            var libraries = await db.Libraries.AsNoTracking().Where(l => missing.Contains(l.Id))
                .Select(l => new { l.Id, l.Name, l.Address, l.Phone, l.Email }).ToListAsync(ct);
            foreach (var l in libraries)
            {
                Libraries[l.Id] = new NoticeLibraryModel(l.Name, l.Address, l.Phone, l.Email);
            }
        }
    }

    public Task<NoticeTemplate?> TemplateAsync(IDbContextFactory<MediaBibDbContext> dbFactory, string key, NoticeChannel channel, CancellationToken ct) =>
        _templates.GetOrAdd((key, channel), k => new Lazy<Task<NoticeTemplate?>>(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await db.NoticeTemplates.AsNoTracking()
                       .SingleOrDefaultAsync(t => t.Key == k.Key && t.Channel == k.Channel && t.Language == "fr", ct)
                   ?? DefaultNoticeTemplates.Find(k.Key, k.Channel);
        })).Value;
}
