using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class LibraryConfiguration : IEntityTypeConfiguration<Library>
{
    public void Configure(EntityTypeBuilder<Library> builder)
    {
        builder.Ignore(l => l.DomainEvents);
        builder.Ignore(l => l.Calendar);
        builder.Property(l => l.Code)
            .HasConversion(c => c.Value, v => LibraryCode.From(v))
            .HasMaxLength(LibraryCode.MaxLength);
        builder.HasIndex(l => l.Code).IsUnique();
        builder.Property(l => l.Name).HasMaxLength(Library.NameMaxLength);
        builder.Property(l => l.Isil).HasMaxLength(32);
        builder.Property(l => l.Phone).HasMaxLength(32);
        builder.Property(l => l.Email).HasMaxLength(254);
        builder.ComplexProperty(l => l.Address, a => a.ConfigureAddress());
        builder.HasMany(l => l.Sections).WithOne().HasForeignKey(s => s.LibraryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(l => l.Sections).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(l => l.OpeningHours, h =>
        {
            h.ToTable("library_opening_hours");
            h.WithOwner().HasForeignKey("LibraryId");
            h.Property<int>("Id");
            h.HasKey("Id");
        });
        builder.OwnsMany(l => l.ClosedDays, d =>
        {
            d.ToTable("library_closed_days");
            d.WithOwner().HasForeignKey("LibraryId");
            d.Property<int>("Id");
            d.HasKey("Id");
            d.Property(x => x.Reason).HasMaxLength(200);
            d.HasIndex("LibraryId", nameof(ClosedDay.Date)).IsUnique();
        });
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> builder)
    {
        builder.Ignore(s => s.DomainEvents);
        builder.Property(s => s.Code).HasMaxLength(16);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => new { s.LibraryId, s.Code }).IsUnique();
        builder.HasMany(s => s.Shelves).WithOne().HasForeignKey(s => s.SectionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Shelves).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ShelfConfiguration : IEntityTypeConfiguration<Shelf>
{
    public void Configure(EntityTypeBuilder<Shelf> builder)
    {
        builder.Ignore(s => s.DomainEvents);
        builder.Property(s => s.Code).HasMaxLength(16);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => new { s.SectionId, s.Code }).IsUnique();
    }
}

internal static class AddressMapping
{
    public static void ConfigureAddress(this ComplexPropertyBuilder<Address> a)
    {
        a.Property(x => x.Street).HasMaxLength(300);
        a.Property(x => x.PostalCode).HasMaxLength(16);
        a.Property(x => x.City).HasMaxLength(100);
        a.Property(x => x.Country).HasMaxLength(100);
    }
}
