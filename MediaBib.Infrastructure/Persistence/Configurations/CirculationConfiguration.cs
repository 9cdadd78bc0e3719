using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MediaBib.Infrastructure.Persistence.Configurations;

internal sealed class LoanConfiguration : IEntityTypeConfiguration<Loan>
{
    public void Configure(EntityTypeBuilder<Loan> builder)
    {
        builder.Ignore(l => l.DomainEvents);
        builder.Ignore(l => l.IsOpen);
        builder.Property(l => l.OverrideReason).HasMaxLength(500);
        // The database itself refuses a second open loan of one item: two desks can never lend it twice.
        builder.HasIndex(l => l.ItemId).IsUnique().HasFilter("returned_at IS NULL").HasDatabaseName("ux_loans_open_item");
        builder.HasIndex(l => l.PatronId).HasFilter("returned_at IS NULL").HasDatabaseName("ix_loans_open_patron");
        builder.HasIndex(l => l.DueAt).HasFilter("returned_at IS NULL").HasDatabaseName("ix_loans_open_due_at");
        builder.HasIndex(l => new { l.PatronId, l.CheckedOutAt }).HasDatabaseName("ix_loans_patron_history");
        builder.HasOne<Item>().WithMany().HasForeignKey(l => l.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patron>().WithMany().HasForeignKey(l => l.PatronId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Library>().WithMany().HasForeignKey(l => l.LibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Library>().WithMany().HasForeignKey(l => l.ReturnLibraryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TransitConfiguration : IEntityTypeConfiguration<Transit>
{
    public void Configure(EntityTypeBuilder<Transit> builder)
    {
        builder.Ignore(t => t.DomainEvents);
        builder.Ignore(t => t.IsOpen);
        builder.Property(t => t.Reason).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => t.ItemId).IsUnique()
            .HasFilter("received_at IS NULL AND cancelled_at IS NULL").HasDatabaseName("ux_transits_open_item");
        builder.HasIndex(t => t.ToLibraryId).HasFilter("received_at IS NULL AND cancelled_at IS NULL");
        builder.HasOne<Item>().WithMany().HasForeignKey(t => t.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Library>().WithMany().HasForeignKey(t => t.FromLibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Library>().WithMany().HasForeignKey(t => t.ToLibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Hold>().WithMany().HasForeignKey(t => t.HoldId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class HoldConfiguration : IEntityTypeConfiguration<Hold>
{
    public void Configure(EntityTypeBuilder<Hold> builder)
    {
        builder.Ignore(h => h.DomainEvents);
        builder.Ignore(h => h.IsActive);
        builder.Property(h => h.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.CancellationReason).HasMaxLength(500);
        builder.Property(h => h.Version).IsRowVersion();
        builder.HasIndex(h => new { h.RecordId, h.Status });
        builder.HasIndex(h => new { h.PatronId, h.Status });
        builder.HasIndex(h => h.ItemId).HasFilter("status IN ('InTransit', 'Waiting')");
        builder.HasIndex(h => h.PickupDeadline).HasFilter("status = 'Waiting'");
        builder.HasOne<Record>().WithMany().HasForeignKey(h => h.RecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Item>().WithMany().HasForeignKey(h => h.ItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patron>().WithMany().HasForeignKey(h => h.PatronId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Library>().WithMany().HasForeignKey(h => h.PickupLibraryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Loan>().WithMany().HasForeignKey(h => h.LoanId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FineConfiguration : IEntityTypeConfiguration<Fine>
{
    public void Configure(EntityTypeBuilder<Fine> builder)
    {
        builder.Ignore(f => f.DomainEvents);
        builder.Ignore(f => f.Outstanding);
        builder.Ignore(f => f.IsOpen);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Description).HasMaxLength(500);
        builder.HasIndex(f => new { f.PatronId, f.Status });
        builder.HasIndex(f => f.LoanId);
        // One overdue fine per loan, accruing or final: the nightly accrual and a checkin racing on one loan cannot
        // both add one (the loser reads again).
        builder.HasIndex(f => f.LoanId, Circulation.CirculationDesk.OverdueFinePerLoanIndex).IsUnique().HasFilter("kind = 'Overdue'")
            .HasDatabaseName(Circulation.CirculationDesk.OverdueFinePerLoanIndex);
        builder.HasOne<Patron>().WithMany().HasForeignKey(f => f.PatronId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Loan>().WithMany().HasForeignKey(f => f.LoanId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Item>().WithMany().HasForeignKey(f => f.ItemId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(f => f.Payments).WithOne().HasForeignKey(p => p.FineId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Payments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class FinePaymentConfiguration : IEntityTypeConfiguration<FinePayment>
{
    public void Configure(EntityTypeBuilder<FinePayment> builder)
    {
        builder.Ignore(p => p.DomainEvents);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
    }
}
