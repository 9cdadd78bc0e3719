using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Jobs;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Notifications.Letters;
using Quartz;

namespace MediaBib.Web.Jobs;

// Each job is an adapter: it calls one use-case service and reports what it did (shown on /admin/jobs).
// The schedules are in JobsRegistration.

/// <summary>Queues the overdue reminders due (all levels), then sends them.</summary>
[DisallowConcurrentExecution]
public sealed class OverdueRemindersJob(NoticePlanner planner, NoticeDispatcher dispatcher, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var queued = await planner.PlanOverdueAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        var sent = await dispatcher.DispatchDueAsync(cancellationToken);
        context.Result = JobSummary.Of($"{queued} avis planifié(s), {sent.Sent} envoyé(s), {sent.FellBack} repli(s), {sent.Failed} échec(s)");
    }
}

/// <summary>Queues the courtesy reminders (loans due in a few days), then sends them.</summary>
[DisallowConcurrentExecution]
public sealed class CourtesyRemindersJob(ReminderPlanner planner, NoticeDispatcher dispatcher, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var queued = await planner.PlanCourtesyAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        var sent = await dispatcher.DispatchDueAsync(cancellationToken);
        context.Result = JobSummary.Of($"{queued} avis planifié(s), {sent.Sent} envoyé(s), {sent.FellBack} repli(s), {sent.Failed} échec(s)");
    }
}

/// <summary>Queues the card expiry reminders, then sends them.</summary>
[DisallowConcurrentExecution]
public sealed class CardExpiryRemindersJob(ReminderPlanner planner, NoticeDispatcher dispatcher, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var queued = await planner.PlanCardExpiryAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        var sent = await dispatcher.DispatchDueAsync(cancellationToken);
        context.Result = JobSummary.Of($"{queued} avis planifié(s), {sent.Sent} envoyé(s), {sent.FellBack} repli(s), {sent.Failed} échec(s)");
    }
}

/// <summary>Queues the notices of waiting holds that have none yet (event missed), then sends the due notices.</summary>
[DisallowConcurrentExecution]
public sealed class HoldReadyNoticesJob(HoldReadyNotices notices, NoticeDispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var queued = await notices.QueueMissingAsync(cancellationToken);
        var sent = await dispatcher.DispatchDueAsync(cancellationToken);
        context.Result = JobSummary.Of($"{queued} avis planifié(s), {sent.Sent} envoyé(s)");
    }
}

/// <summary>Brings the fines of overdue loans still out up to date, so patrons and desks see them while they accrue.</summary>
[DisallowConcurrentExecution]
public sealed class FineAccrualJob(FineAccrual accrual) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var changed = await accrual.AccrueAsync(JobActors.Scheduler, cancellationToken);
        context.Result = JobSummary.Of($"{changed} amende(s) en cours créée(s) ou mise(s) à jour");
    }
}

/// <summary>Expires waiting holds past their pickup deadline; each item goes to the next hold through the engine.</summary>
[DisallowConcurrentExecution]
public sealed class ExpireWaitingHoldsJob(HoldService holds) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var expired = await holds.ExpireWaitingHoldsAsync(JobActors.Scheduler, cancellationToken);
        context.Result = JobSummary.Of($"{expired.Count} réservation(s) expirée(s)");
    }
}

/// <summary>Sends the queued notices that are due (retries after back-off, fallbacks, leases of crashed runs).</summary>
[DisallowConcurrentExecution]
public sealed class NoticeDispatchJob(NoticeDispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sent = await dispatcher.DispatchDueAsync(cancellationToken);
        context.Result = JobSummary.Of($"{sent.Sent} envoyé(s), {sent.FellBack} repli(s), {sent.Failed} échec(s)");
    }
}

/// <summary>Prints every letter waiting into one PDF batch.</summary>
[DisallowConcurrentExecution]
public sealed class LetterBatchJob(LetterBatchPrinter printer) : IJob
{
    /// <summary>Letters per PDF: a day's letters of a network fit, and one file stays printable.</summary>
    public const int MaxLettersPerBatch = 2000;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var batch = await printer.PrintPendingAsync(JobActors.Scheduler, MaxLettersPerBatch, cancellationToken);
        context.Result = batch is null ? "Aucun courrier à imprimer" : JobSummary.Of($"Lot de {batch.LetterCount} courrier(s) prêt à imprimer");
    }
}

/// <summary>Anonymises then purges the audit entries past their retention date.</summary>
[DisallowConcurrentExecution]
public sealed class AuditRetentionJob(AuditRetention retention) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await retention.RunAsync(cancellationToken);
        context.Result = JobSummary.Of($"{result.Anonymized} entrée(s) anonymisée(s), {result.Purged} supprimée(s)");
    }
}

/// <summary>Detaches old returned loans from patrons who did not keep a reading history.</summary>
[DisallowConcurrentExecution]
public sealed class LoanHistoryAnonymisationJob(LoanHistoryAnonymizer anonymizer) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var count = await anonymizer.RunAsync(cancellationToken);
        context.Result = JobSummary.Of($"{count} prêt(s) anonymisé(s)");
    }
}

/// <summary>Deletes delivered outbox events older than a week.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxCleanupJob(OutboxCleanup cleanup) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var count = await cleanup.RunAsync(cancellationToken);
        context.Result = JobSummary.Of($"{count} événement(s) supprimé(s)");
    }
}

internal static class JobSummary
{
    public static string Of(FormattableString summary) => FormattableString.Invariant(summary);
}
