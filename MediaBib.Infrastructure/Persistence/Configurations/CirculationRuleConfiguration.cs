using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class CirculationRuleConfiguration : IEntityTypeConfiguration<CirculationRule>
{
    public void Configure(EntityTypeBuilder<CirculationRule> builder)
    {
        builder.ToTable("circulation_rules");
        builder.Ignore(r => r.DomainEvents);
        builder.Ignore(r => r.Specificity);
        builder.ComplexProperty(r => r.Values, v =>
        {
            v.Property(x => x.LoanPeriodUnit).HasConversion<string>().HasMaxLength(8);
            v.Property(x => x.ReturnPolicy).HasConversion<string>().HasMaxLength(8);
        });
        // One rule per combination of axes; NULLS NOT DISTINCT makes "any" count as a value (PostgreSQL 15).
        builder.HasIndex(r => new { r.LibraryId, r.PatronCategoryId, r.ItemTypeId })
            .IsUnique()
            .AreNullsDistinct(false)
            .HasDatabaseName("ux_circulation_rules_axes");
        builder.HasOne<Library>().WithMany().HasForeignKey(r => r.LibraryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PatronCategory>().WithMany().HasForeignKey(r => r.PatronCategoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ItemType>().WithMany().HasForeignKey(r => r.ItemTypeId).OnDelete(DeleteBehavior.Cascade);
    }
}
