using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.Ignore(i => i.DomainEvents);
        builder.Property(i => i.Barcode)
            .HasConversion(b => b.Value, v => Barcode.From(v, "barcode"))
            .HasMaxLength(Barcode.MaxLength);
        builder.HasIndex(i => i.Barcode).IsUnique();
        // No index on the status: every checkout and checkin changes it, and an indexed column would make each of those
        // updates write a new entry into every index of the table. Unindexed, the update stays on its page (a HOT
        // update, helped by the free space the fill factor keeps). Lists by status filter a library or a record first.
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasStorageParameter("fillfactor", 85);
        builder.Property(i => i.CallNumber).HasMaxLength(100);
        builder.Property(i => i.InventoryNumber).HasMaxLength(50);
        builder.Property(i => i.Condition).HasMaxLength(500);
        builder.Property(i => i.RfidTag).HasMaxLength(64);
        builder.HasIndex(i => i.RfidTag).IsUnique().HasFilter("rfid_tag IS NOT NULL");
        builder.Property(i => i.Version).IsRowVersion();

        builder.HasOne<Record>().WithMany().HasForeignKey(i => i.RecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Library>().WithMany().HasForeignKey(i => i.HomeLibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Library>().WithMany().HasForeignKey(i => i.CurrentLibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Section>().WithMany().HasForeignKey(i => i.SectionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Shelf>().WithMany().HasForeignKey(i => i.ShelfId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ItemType>().WithMany().HasForeignKey(i => i.ItemTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.RecordId);
    }
}
