namespace MediaBib.Domain.Common;

/// <summary>
/// Something that happened in the library that other parts of the system react to (a desk screen, a notice).
/// Carries identifiers and the minimum to display, never personal data beyond that.
/// </summary>
public abstract record DomainEvent
{
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>Stable type name stored in the outbox, e.g. <c>loan.created</c>.</summary>
    public abstract string Type { get; }
}
