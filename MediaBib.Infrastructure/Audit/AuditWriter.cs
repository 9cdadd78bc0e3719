using System.Buffers;
using System.Text;
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

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? JsonBuffer;

    /// <summary>An action's entry; with <paramref name="change"/>, it also carries that change of its subject.</summary>
    public static AuditEntry ForAction(MediaBibDbContext db, PendingAuditAction pending, DateTime occurredAt, AuditEntry? change = null)
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
            Before = change?.Before,
            After = details is null ? change?.After : JsonSerializer.Serialize(details, Json),
            ChangedFields = change?.ChangedFields ?? [],
            RequestId = db.Actor.RequestId,
            LibraryId = db.Actor.LibraryId,
            Message = Truncate(message, 2000),
            RetainUntil = level.RetainUntil(occurredAt),
        });
    }

    /// <summary>
    /// Folds the change of a second object of the same operation into an action row: its fields, prefixed with
    /// <paramref name="prefix"/>, join the row's changed fields and its before/after values.
    /// </summary>
    public static void Fold(AuditEntry row, AuditEntry other, string prefix)
    {
        row.Before = Merge(row.Before, other.Before, prefix);
        row.After = Merge(row.After, other.After, prefix);
        var fields = new string[row.ChangedFields.Length + other.ChangedFields.Length];
        row.ChangedFields.CopyTo(fields, 0);
        for (var i = 0; i < other.ChangedFields.Length; i++)
        {
            fields[row.ChangedFields.Length + i] = $"{prefix}.{other.ChangedFields[i]}";
        }

        row.ChangedFields = fields;
    }

    private static string? Merge(string? json, string? other, string prefix)
    {
        if (other is null)
        {
            return json;
        }

        var buffer = JsonBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (json is not null)
            {
                using var first = JsonDocument.Parse(json);
                foreach (var property in first.RootElement.EnumerateObject())
                {
                    property.WriteTo(writer);
                }
            }

            using var second = JsonDocument.Parse(other);
            foreach (var property in second.RootElement.EnumerateObject())
            {
                writer.WritePropertyName($"{prefix}.{property.Name}");
                property.Value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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

        var modified = entry.State == EntityState.Modified;
        var changed = new List<PropertyEntry>();
        foreach (var p in entry.Properties)
        {
            var kept = IsRecordMarc(entry, p)
                || !ExcludedProperties.Contains(p.Metadata.Name) && (!p.Metadata.IsShadowProperty() || IsOwnerKey(entry, p));
            if (kept && (!modified || p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
            {
                changed.Add(p);
            }
        }

        var complexChanged = new List<ComplexPropertyEntry>();
        foreach (var c in entry.ComplexProperties)
        {
            if (!modified || c.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
            {
                complexChanged.Add(c);
            }
        }

        if (modified && changed.Count == 0 && complexChanged.Count == 0)
        {
            return null;
        }

        var before = entry.State == EntityState.Added ? null : ToJson(changed, original: true, complexChanged);
        var after = entry.State == EntityState.Deleted ? null : ToJson(changed, original: false, complexChanged);
        var fields = new string[changed.Count + complexChanged.Count];
        for (var i = 0; i < changed.Count; i++)
        {
            fields[i] = changed[i].Metadata.Name;
        }

        for (var i = 0; i < complexChanged.Count; i++)
        {
            fields[changed.Count + i] = complexChanged[i].Metadata.Name;
        }

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
            ChangedFields = fields,
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

    /// <summary>The values as one JSON object, written straight to UTF-8 (the audit runs in every save).</summary>
    private static string ToJson(List<PropertyEntry> properties, bool original, List<ComplexPropertyEntry> complex)
    {
        var buffer = JsonBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var p in properties)
            {
                writer.WritePropertyName(p.Metadata.Name);
                var value = original ? p.OriginalValue : p.CurrentValue;
                if (p.Metadata.Name == nameof(Domain.Catalog.Record.Marc) && value is string marc)
                {
                    // The record's MARC is JSON already: embedded as JSON, not as an escaped string.
                    writer.WriteRawValue(marc);
                }
                else
                {
                    WriteValue(writer, value);
                }
            }

            foreach (var c in complex)
            {
                foreach (var p in c.Properties)
                {
                    writer.WritePropertyName($"{c.Metadata.Name}.{p.Metadata.Name}");
                    WriteValue(writer, original ? p.OriginalValue : p.CurrentValue);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Common column types written directly; value objects by their string form; anything else as System.Text.Json would.</summary>
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case Guid guid:
                writer.WriteStringValue(guid);
                break;
            case DateTime time:
                writer.WriteStringValue(time);
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(time);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case Enum or Barcode or CardNumber or LibraryCode or Isbn:
                writer.WriteStringValue(value.ToString());
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), Json);
                break;
        }
    }

    private static AuditEntry Stamp(Actor actor, AuditEntry entry)
    {
        entry.Actor = actor.Name;
        entry.Ip = actor.Ip;
        entry.UserAgent = Truncate(actor.UserAgent, 500);
        return entry;
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
