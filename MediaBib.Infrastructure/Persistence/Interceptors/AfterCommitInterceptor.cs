using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Does something once a save has committed: right after <c>SaveChanges</c> when it ran its own transaction, or when
/// the caller's explicit transaction commits. Nothing happens for a save that failed or a transaction rolled back.
/// </summary>
public abstract class AfterCommitInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    /// <summary>Called as the save starts: true when this save calls for <see cref="OnCommitted"/>.</summary>
    protected abstract bool Collect(DbContext context);

    protected abstract void OnCommitted(DbContext context);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FireIfCommitted(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        FireIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>A failed save calls for nothing (and a pooled context must not carry the mark to its next use).</summary>
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Fire(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Fire(eventData.Context);
        return Task.CompletedTask;
    }

    private void Mark(DbContext? context)
    {
        if (context is not null && Collect(context))
        {
            _pending.AddOrUpdate(context, Marker);
        }
    }

    /// <summary>Inside an explicit transaction the change is not visible before its commit: wait for it.</summary>
    private void FireIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Fire(context);
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Outside a transaction a failed save is the end of it; inside one, the transaction's end decides.</summary>
    private void Forget(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Drop(context);
        }
    }

    private void Drop(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private void Fire(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            OnCommitted(context);
        }
    }
}
