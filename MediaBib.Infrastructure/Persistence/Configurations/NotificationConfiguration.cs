using System.Text.Json;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Notifications.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.Ignore(n => n.DomainEvents);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(n => n.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.TemplateKey).HasMaxLength(Notice.TemplateKeyMaxLength);
        builder.Property(n => n.IdempotencyKey).HasMaxLength(Notice.IdempotencyKeyMaxLength);
        builder.Property(n => n.LastError).HasMaxLength(Notice.ErrorMaxLength);
        builder.Property(n => n.Recipient).HasMaxLength(500);
        builder.Property(n => n.Subject).HasMaxLength(NoticeTemplate.SubjectMaxLength);
        builder.Property(n => n.ProviderReference).HasMaxLength(300);
        builder.Property(n => n.Version).IsRowVersion();
        builder.Property<List<NoticeItem>>("_items")
            .HasColumnName("items")
            .HasColumnType("jsonb")
            .HasConversion(NotificationJson.Converter<List<NoticeItem>>(), NotificationJson.ListComparer<NoticeItem>());
        builder.Property<List<NoticeChannel>>("_fallbackChannels")
            .HasColumnName("fallback_channels")
            .HasMaxLength(100)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<NoticeChannel>).ToList(),
                NotificationJson.ListComparer<NoticeChannel>());
        builder.Ignore(n => n.Items);
        builder.Ignore(n => n.FallbackChannels);
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();
        // The dispatcher's work queue: due queued notices and expired leases.
        builder.HasIndex(n => n.NextAttemptAt).HasFilter("status = 'Queued'").HasDatabaseName("ix_notices_queued_due");
        builder.HasIndex(n => n.LeaseUntil).HasFilter("status = 'Sending'").HasDatabaseName("ix_notices_sending_lease");
        builder.HasIndex(n => n.CreatedAt).HasFilter("channel = 'Letter' AND status = 'Sent' AND print_batch_id IS NULL")
            .HasDatabaseName("ix_notices_letters_to_print");
        builder.HasIndex(n => new { n.PatronId, n.Kind, n.Level });
        builder.HasOne<Patron>().WithMany().HasForeignKey(n => n.PatronId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Library>().WithMany().HasForeignKey(n => n.LibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Notice>().WithMany().HasForeignKey(n => n.FallbackOfId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<NoticePrintBatch>().WithMany().HasForeignKey(n => n.PrintBatchId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class NoticeTemplateConfiguration : IEntityTypeConfiguration<NoticeTemplate>
{
    public void Configure(EntityTypeBuilder<NoticeTemplate> builder)
    {
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Key).HasMaxLength(Notice.TemplateKeyMaxLength);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(NoticeTemplate.SubjectMaxLength);
        builder.Property(t => t.BodyText).HasMaxLength(NoticeTemplate.BodyMaxLength);
        builder.Property(t => t.BodyHtml).HasMaxLength(NoticeTemplate.BodyMaxLength);
        builder.HasIndex(t => new { t.Key, t.Channel, t.Language }).IsUnique();
    }
}

internal sealed class OverdueLevelConfiguration : IEntityTypeConfiguration<OverdueLevel>
{
    public void Configure(EntityTypeBuilder<OverdueLevel> builder)
    {
        builder.Ignore(l => l.DomainEvents);
        builder.Property(l => l.TemplateKey).HasMaxLength(Notice.TemplateKeyMaxLength);
        builder.Property(l => l.Action).HasConversion<string>().HasMaxLength(24);
        builder.Property<List<NoticeChannel>>("_channels")
            .HasColumnName("channels")
            .HasMaxLength(100)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<NoticeChannel>).ToList(),
                NotificationJson.ListComparer<NoticeChannel>());
        builder.Ignore(l => l.Channels);
        // NULLS NOT DISTINCT: one "every category" level N per library, like one per category.
        builder.HasIndex(l => new { l.LibraryId, l.PatronCategoryId, l.Level }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Library>().WithMany().HasForeignKey(l => l.LibraryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PatronCategory>().WithMany().HasForeignKey(l => l.PatronCategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReminderSettingsConfiguration : IEntityTypeConfiguration<ReminderSettings>
{
    public void Configure(EntityTypeBuilder<ReminderSettings> builder)
    {
        builder.Ignore(r => r.DomainEvents);
        builder.Property<List<NoticeChannel>>("_channels")
            .HasColumnName("channels")
            .HasMaxLength(100)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<NoticeChannel>).ToList(),
                NotificationJson.ListComparer<NoticeChannel>());
        builder.Ignore(r => r.Channels);
        // NULLS NOT DISTINCT: one "every category" row per library, like one per category.
        builder.HasIndex(r => new { r.LibraryId, r.PatronCategoryId }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Library>().WithMany().HasForeignKey(r => r.LibraryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PatronCategory>().WithMany().HasForeignKey(r => r.PatronCategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticePrintBatchConfiguration : IEntityTypeConfiguration<NoticePrintBatch>
{
    public void Configure(EntityTypeBuilder<NoticePrintBatch> builder)
    {
        builder.Ignore(b => b.DomainEvents);
    }
}

internal static class NotificationJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> Converter<T>() =>
        new(v => JsonSerializer.Serialize(v, Options), v => JsonSerializer.Deserialize<T>(v, Options)!);

    public static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x == null ? 0 : x.GetHashCode())),
        v => v.ToList());
}
