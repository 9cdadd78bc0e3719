using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Rfid;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class RfidPadConfiguration : IEntityTypeConfiguration<RfidPad>
{
    public void Configure(EntityTypeBuilder<RfidPad> builder)
    {
        builder.Ignore(p => p.DomainEvents);
        builder.Property(p => p.DeskName).HasMaxLength(RfidPad.DeskNameMaxLength);
        builder.Property(p => p.SecretHash).HasMaxLength(64);
        builder.Property(p => p.DisplayPrefix).HasMaxLength(16);
        builder.HasIndex(p => p.SecretHash).IsUnique();

        // One active pad per desk of a library; a revoked one may be replaced under the same name.
        builder.HasIndex(p => new { p.LibraryId, p.DeskName }).IsUnique().HasFilter("revoked_at IS NULL");
        builder.HasOne<Library>().WithMany().HasForeignKey(p => p.LibraryId).OnDelete(DeleteBehavior.Restrict);
    }
}
