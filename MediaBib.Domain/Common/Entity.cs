namespace MediaBib.Domain.Common;

/// <summary>
/// Base of every persisted entity: a UUID v7 key (time-ordered, index friendly) and the UTC creation and update
/// timestamps that the persistence layer stamps on save. Domain events raised by behaviour wait here until the
/// outbox interceptor moves them into the same transaction as the change.
/// </summary>
public abstract class Entity
{
    private readonly List<DomainEvent> _domainEvents = [];

    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public IReadOnlyList<DomainEvent> DomainEvents => _domainEvents;

    /// <summary>
    /// Human representation stored with audit entries ("Le Petit Prince", "Item 0012345"). It must not carry
    /// personal data beyond what staff see on the object's own page.
    /// </summary>
    public virtual string ToAuditLabel() => $"{GetType().Name} {Id}";

    protected void Raise(DomainEvent domainEvent) => _domainEvents.Add(domainEvent);

    public void ClearDomainEvents() => _domainEvents.Clear();

    /// <summary>Called by the persistence layer only.</summary>
    public void StampCreated(DateTime utcNow)
    {
        CreatedAt = utcNow;
        UpdatedAt = utcNow;
    }

    /// <summary>Called by the persistence layer only.</summary>
    public void StampUpdated(DateTime utcNow) => UpdatedAt = utcNow;
}
