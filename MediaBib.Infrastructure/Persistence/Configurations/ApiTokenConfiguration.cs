using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.ApiAccess;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Role).HasMaxLength(32);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.DisplayPrefix).HasMaxLength(16);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasOne<Library>().WithMany().HasForeignKey(t => t.LibraryId).OnDelete(DeleteBehavior.Restrict);
    }
}
