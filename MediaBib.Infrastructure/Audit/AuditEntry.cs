using MediaBib.Domain.Audit;

namespace MediaBib.Infrastructure.Audit;

/// <summary>
/// One line of the audit log. Written in the same transaction as the change it describes; never updated or deleted
/// by the application (retention purges are the only deletions, after anonymisation).
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTime OccurredAt { get; init; }

    /// <summary>Staff user id, or null for patrons, terminals and jobs (see <see cref="ActorKind"/>).</summary>
    public Guid? UserId { get; init; }

    /// <summary>Who, as shown then ("mdupont", "Automate SIP2 borne-1"); survives anonymisation of the user.</summary>
    public string Actor { get; set; } = "";

    /// <summary><c>staff</c>, <c>patron</c>, <c>terminal</c>, <c>api</c>, <c>system</c>.</summary>
    public string ActorKind { get; init; } = "system";

    public string Action { get; init; } = "";

    public AuditSeverity Severity { get; init; }

    public string? ObjectType { get; init; }

    public Guid? ObjectId { get; init; }

    public string? ObjectLabel { get; set; }

    /// <summary>Values before the change (JSON object of changed or all fields).</summary>
    public string? Before { get; set; }

    public string? After { get; set; }

    public string[] ChangedFields { get; set; } = [];

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }

    public string? RequestId { get; init; }

    public Guid? LibraryId { get; init; }

    public string? Message { get; init; }

    public DateTime RetainUntil { get; init; }

    public DateTime? AnonymizedAt { get; set; }
}
