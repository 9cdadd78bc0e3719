using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Does something once a save has committed: right after <c>SaveChanges</c> when it ran its own transaction, or when
/// the caller's explicit transaction commits. Nothing happens for a save that failed or a transaction rolled back.
/// What the saves of one transaction collect (<typeparamref name="TState"/>) is gathered until that commit, on the
/// context itself (<see cref="IAfterCommitState"/>): a table shared by every context would put a lock on every save
/// and every commit of the process (it did: ConditionalWeakTable, contended by 50 kiosks at once).
/// </summary>
public abstract class AfterCommitInterceptor<TState> : SaveChangesInterceptor, IDbTransactionInterceptor
    where TState : class, new()
{
    /// <summary>
    /// Called as a save starts with what earlier saves of the same transaction collected (or a new state): adds what
    /// this save calls for, and returns true when it calls for <see cref="OnCommitted"/>.
    /// </summary>
    protected abstract bool Collect(DbContext context, TState pending);

    protected abstract void OnCommitted(DbContext context, TState committed);

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
        if (context is null)
        {
            return;
        }

        var slots = Slots(context);
        var pending = slots.TryGetValue(this, out var earlier) ? (TState)earlier : new TState();
        if (Collect(context, pending))
        {
            slots[this] = pending;
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
            Slots(context).Remove(this);
        }
    }

    private void Fire(DbContext? context)
    {
        if (context is not null && Slots(context).Remove(this, out var committed))
        {
            OnCommitted(context, (TState)committed);
        }
    }

    private static Dictionary<object, object> Slots(DbContext context) =>
        (context as IAfterCommitState)?.AfterCommitPending
        ?? throw new InvalidOperationException($"{context.GetType().Name} does not carry after-commit state ({nameof(IAfterCommitState)}).");
}

/// <summary>
/// A context that carries what its after-commit interceptors collected until the commit, one slot per interceptor. A
/// context is used by one flow at a time, so no lock; a pooled context empties it when it goes back to the pool.
/// </summary>
public interface IAfterCommitState
{
    Dictionary<object, object> AfterCommitPending { get; }
}

/// <summary>An <see cref="AfterCommitInterceptor{TState}"/> that only needs to know that a committed save called for it.</summary>
public abstract class AfterCommitInterceptor : AfterCommitInterceptor<object>
{
    /// <summary>Called as the save starts: true when this save calls for <see cref="OnCommitted(DbContext)"/>.</summary>
    protected abstract bool Collect(DbContext context);

    protected abstract void OnCommitted(DbContext context);

    protected sealed override bool Collect(DbContext context, object pending) => Collect(context);

    protected sealed override void OnCommitted(DbContext context, object committed) => OnCommitted(context);
}
