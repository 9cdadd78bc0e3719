using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Sip2;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class Sip2TerminalConfiguration : IEntityTypeConfiguration<Sip2Terminal>
{
    public void Configure(EntityTypeBuilder<Sip2Terminal> builder)
    {
        builder.ToTable("sip2_terminals");
        builder.Ignore(t => t.DomainEvents);
        builder.Property(t => t.Login).HasMaxLength(Sip2Terminal.LoginMaxLength);
        builder.HasIndex(t => t.Login).IsUnique();
        builder.Property(t => t.PasswordHash).HasMaxLength(512);
        builder.Property(t => t.Charset).HasMaxLength(32);
        builder.Property(t => t.SortBinRules).HasColumnType("jsonb");
        builder.HasOne<Library>().WithMany().HasForeignKey(t => t.LibraryId).OnDelete(DeleteBehavior.Restrict);
    }
}
