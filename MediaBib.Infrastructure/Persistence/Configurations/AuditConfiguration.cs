using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Domain.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(a => a.Actor).HasMaxLength(200);
        builder.Property(a => a.ActorKind).HasMaxLength(16);
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.ObjectType).HasMaxLength(60);
        builder.Property(a => a.ObjectLabel).HasMaxLength(500);
        builder.Property(a => a.Before).HasColumnType("jsonb");
        builder.Property(a => a.After).HasColumnType("jsonb");
        builder.Property(a => a.Ip).HasMaxLength(64);
        builder.Property(a => a.UserAgent).HasMaxLength(500);
        builder.Property(a => a.RequestId).HasMaxLength(100);
        builder.Property(a => a.Message).HasMaxLength(2000);
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.ObjectType, a.ObjectId, a.OccurredAt });
        builder.HasIndex(a => new { a.UserId, a.OccurredAt });
        builder.HasIndex(a => new { a.Action, a.OccurredAt });
        // Read only by the nightly retention job (retain_until < now): a BRIN index, a few pages for the whole table,
        // instead of a b-tree entry written with every audited change. Rows are inserted in time order and the keep
        // time is the insert time plus one of three durations, so block ranges stay narrow enough.
        builder.HasIndex(a => a.RetainUntil).HasMethod("brin");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.Property(o => o.Type).HasMaxLength(100);
        builder.Property(o => o.Payload).HasColumnType("jsonb");
        builder.Property(o => o.LastError).HasMaxLength(2000);
        // Not mapped, set by the database on insert (migration OutboxReadsByTransaction): tx_id, the inserting
        // transaction's id (xid8), and position, a sequence; the dispatchers read by (tx_id, position) through
        // ix_outbox_tx_position.
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasOne<Library>().WithMany().HasForeignKey(u => u.LibraryId).OnDelete(DeleteBehavior.SetNull);
    }
}
