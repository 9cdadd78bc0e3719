using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class PatronCategoryConfiguration : IEntityTypeConfiguration<PatronCategory>
{
    public void Configure(EntityTypeBuilder<PatronCategory> builder)
    {
        builder.Ignore(c => c.DomainEvents);
        builder.Property(c => c.Code).HasMaxLength(16);
        builder.Property(c => c.Label).HasMaxLength(100);
        builder.HasIndex(c => c.Code).IsUnique();
    }
}

internal sealed class PatronConfiguration : IEntityTypeConfiguration<Patron>
{
    public void Configure(EntityTypeBuilder<Patron> builder)
    {
        builder.Ignore(p => p.DomainEvents);
        builder.Ignore(p => p.FullName);
        builder.Ignore(p => p.SortName);
        builder.Property(p => p.CardNumber)
            .HasConversion(c => c.Value, v => CardNumber.From(v))
            .HasMaxLength(CardNumber.MaxLength);
        builder.HasIndex(p => p.CardNumber).IsUnique();
        builder.Property(p => p.FirstName).HasMaxLength(Patron.NameMaxLength);
        builder.Property(p => p.LastName).HasMaxLength(Patron.NameMaxLength);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Phone).HasMaxLength(32);
        builder.Property(p => p.BlockReason).HasMaxLength(500);
        builder.Property(p => p.GdprConsentVersion).HasMaxLength(20);
        builder.Property(p => p.OpacPasswordHash).HasMaxLength(200);
        builder.Property(p => p.PreferredNoticeChannel).HasConversion<string>().HasMaxLength(16);
        builder.ComplexProperty(p => p.Address, a => a.ConfigureAddress());
        builder.Property<string>("NameNormalized")
            .HasComputedColumnSql("f_unaccent(lower(last_name || ' ' || first_name))", stored: true)
            .HasMaxLength(201);
        builder.HasIndex("NameNormalized").HasMethod("GIN").HasOperators("gin_trgm_ops");
        builder.HasIndex(p => new { p.LastName, p.FirstName, p.BirthDate });
        builder.HasOne<Library>().WithMany().HasForeignKey(p => p.HomeLibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PatronCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
