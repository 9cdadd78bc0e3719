using System.Text.Json;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MediaBib.Infrastructure.Audit;

/// <summary>Builds audit entries from tracked changes and from explicit domain actions.</summary>
internal static class AuditWriter
{
    /// <summary>Never copied into the log: secrets, and bulky or derived columns.</summary>
    private static readonly HashSet<string> ExcludedProperties = new(StringComparer.Ordinal)
    {
        "PasswordHash", "OpacPasswordHash", "SecurityStamp", "ConcurrencyStamp", "Version", "Marc",
        "SearchVector", "TitleNormalized", "NameNormalized", "CreatedAt", "UpdatedAt", "Token", "TokenHash",
        "Value", "SecretHash", "PasswordHashValue",
        "Pdf", "Body",
    };

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static AuditEntry ForAction(MediaBibDbContext db, PendingAuditAction pending, DateTime occurredAt)
    {
        var (action, subject, message, severity, details) = pending;
        var level = severity ?? action.DefaultSeverity();
        return Stamp(db.Actor, new AuditEntry
        {
            OccurredAt = occurredAt,
            UserId = db.Actor.UserId,
            ActorKind = db.Actor.KindCode,
            Action = action.Code(),
            Severity = level,
            ObjectType = subject?.GetType().Name,
            ObjectId = subject?.Id,
            ObjectLabel = Truncate(subject?.ToAuditLabel(), 500),
            After = details is null ? null : JsonSerializer.Serialize(details, Json),
            RequestId = db.Actor.RequestId,
            LibraryId = db.Actor.LibraryId,
            Message = Truncate(message, 2000),
            RetainUntil = level.RetainUntil(occurredAt),
        });
    }

    public static AuditEntry? ForChange(MediaBibDbContext db, EntityEntry entry, DateTime occurredAt)
    {
        if (entry.Entity is AuditEntry or OutboxMessage)
        {
            return null;
        }

        var action = entry.State switch
        {
            EntityState.Added => AuditAction.Create,
            EntityState.Modified => AuditAction.Update,
            EntityState.Deleted => AuditAction.Delete,
            _ => (AuditAction?)null,
        };
        if (action is null)
        {
            return null;
        }

        var properties = entry.Properties
            .Where(p => !ExcludedProperties.Contains(p.Metadata.Name) && !p.Metadata.IsShadowProperty() || IsOwnerKey(entry, p) || IsRecordMarc(entry, p))
            .Where(p => !ExcludedProperties.Contains(p.Metadata.Name) || IsRecordMarc(entry, p))
            .ToList();
        var changed = entry.State == EntityState.Modified
            ? properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList()
            : properties;
        var complexChanged = entry.State == EntityState.Modified
            ? entry.ComplexProperties.Where(c => c.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))).ToList()
            : [.. entry.ComplexProperties];
        if (entry.State == EntityState.Modified && changed.Count == 0 && complexChanged.Count == 0)
        {
            return null;
        }

        var before = entry.State == EntityState.Added ? null : ToJson(changed, original: true, complexChanged);
        var after = entry.State == EntityState.Deleted ? null : ToJson(changed, original: false, complexChanged);
        var (type, id, label) = Describe(entry);
        var severity = action.Value.DefaultSeverity();
        return Stamp(db.Actor, new AuditEntry
        {
            OccurredAt = occurredAt,
            UserId = db.Actor.UserId,
            ActorKind = db.Actor.KindCode,
            Action = action.Value.Code(),
            Severity = severity,
            ObjectType = type,
            ObjectId = id,
            ObjectLabel = Truncate(label, 500),
            Before = before,
            After = after,
            ChangedFields = [.. changed.Select(p => p.Metadata.Name), .. complexChanged.Select(c => c.Metadata.Name)],
            RequestId = db.Actor.RequestId,
            LibraryId = db.Actor.LibraryId,
            RetainUntil = severity.RetainUntil(occurredAt),
        });
    }

    /// <summary>
    /// A record's full MARC is kept in its before/after: the cataloguer's editor changes records one at a time, and the
    /// MARC is what was edited (bulk imports write with COPY and are audited per batch, so they never come here).
    /// </summary>
    private static bool IsRecordMarc(EntityEntry entry, PropertyEntry property) =>
        entry.Entity is Domain.Catalog.Record && property.Metadata.Name == nameof(Domain.Catalog.Record.Marc);

    private static bool IsOwnerKey(EntityEntry entry, PropertyEntry property) =>
        entry.Metadata.IsOwned() && property.Metadata.IsForeignKey();

    private static (string Type, Guid? Id, string? Label) Describe(EntityEntry entry)
    {
        switch (entry.Entity)
        {
            case Entity entity:
                return (entity.GetType().Name, entity.Id, entity.ToAuditLabel());
            case Identity.StaffUser user:
                return ("StaffUser", user.Id, user.UserName);
        }

        if (entry.Metadata.IsOwned())
        {
            var ownership = entry.Metadata.FindOwnership()!;
            var ownerKey = entry.Property(ownership.Properties[0].Name).CurrentValue as Guid?;
            return ($"{ownership.PrincipalEntityType.ClrType.Name}.{entry.Metadata.ClrType.Name}", ownerKey, entry.Entity.ToString());
        }

        var key = entry.Metadata.FindPrimaryKey()?.Properties
            .Select(p => entry.Property(p.Name).CurrentValue)
            .OfType<Guid>()
            .FirstOrDefault();
        return (entry.Metadata.ClrType.Name, key, null);
    }

    private static string ToJson(IEnumerable<PropertyEntry> properties, bool original, IEnumerable<ComplexPropertyEntry> complex)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in properties)
        {
            var value = Simplify(original ? p.OriginalValue : p.CurrentValue);
            // The record's MARC is JSON already: embed it as JSON, not as an escaped string.
            values[p.Metadata.Name] = p.Metadata.Name == nameof(Domain.Catalog.Record.Marc) && value is string marc
                ? JsonDocument.Parse(marc).RootElement.Clone()
                : value;
        }

        foreach (var c in complex)
        {
            foreach (var p in c.Properties)
            {
                values[$"{c.Metadata.Name}.{p.Metadata.Name}"] = Simplify(original ? p.OriginalValue : p.CurrentValue);
            }
        }

        return JsonSerializer.Serialize(values, Json);
    }

    /// <summary>Value objects are stored by their string form.</summary>
    private static object? Simplify(object? value) => value switch
    {
        null => null,
        Barcode or CardNumber or LibraryCode or Isbn => value.ToString(),
        Enum e => e.ToString(),
        _ => value,
    };

    private static AuditEntry Stamp(Actor actor, AuditEntry entry)
    {
        entry.Actor = actor.Name;
        entry.Ip = actor.Ip;
        entry.UserAgent = Truncate(actor.UserAgent, 500);
        return entry;
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
