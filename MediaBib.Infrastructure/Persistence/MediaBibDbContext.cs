using MediaBib.Domain.Audit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Fines;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Persistence.Interceptors;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Persistence;

/// <summary>
/// The single EF Core model of MediaBib (PostgreSQL). Create one short-lived context per operation through
/// <c>IDbContextFactory&lt;MediaBibDbContext&gt;</c>; Blazor circuits live for hours, a context must not.
/// </summary>
/// <remarks>
/// Migrations: <c>dotnet ef migrations add Name -p MediaBib.Infrastructure -s MediaBib.Infrastructure -o Persistence/Migrations</c>.
/// A test fails when the model and the committed migrations differ.
/// </remarks>
public sealed class MediaBibDbContext(DbContextOptions<MediaBibDbContext> options)
    : IdentityDbContext<StaffUser, StaffRole, Guid>(options), IAfterCommitState
{
    private readonly List<PendingAuditAction> _pendingActions = [];
    private readonly Dictionary<object, object> _afterCommitPending = [];

    Dictionary<object, object> IAfterCommitState.AfterCommitPending => _afterCommitPending;

    /// <summary>Who acts in this unit of work; stamped on every audit entry written by <c>SaveChanges</c>.</summary>
    public Actor Actor { get; set; } = Actor.System;

    public DbSet<Library> Libraries => Set<Library>();

    public DbSet<Section> Sections => Set<Section>();

    public DbSet<Shelf> Shelves => Set<Shelf>();

    public DbSet<Record> Records => Set<Record>();

    public DbSet<Author> Authors => Set<Author>();

    public DbSet<Subject> Subjects => Set<Subject>();

    public DbSet<ItemType> ItemTypes => Set<ItemType>();

    public DbSet<Item> Items => Set<Item>();

    public DbSet<PatronCategory> PatronCategories => Set<PatronCategory>();

    public DbSet<Patron> Patrons => Set<Patron>();

    public DbSet<Loan> Loans => Set<Loan>();

    public DbSet<Hold> Holds => Set<Hold>();

    public DbSet<Transit> Transits => Set<Transit>();

    public DbSet<Fine> Fines => Set<Fine>();

    public DbSet<FinePayment> FinePayments => Set<FinePayment>();

    public DbSet<ApiAccess.ApiToken> ApiTokens => Set<ApiAccess.ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Domain.Notifications.Notice> Notices => Set<Domain.Notifications.Notice>();

    public DbSet<Domain.Notifications.NoticeTemplate> NoticeTemplates => Set<Domain.Notifications.NoticeTemplate>();

    public DbSet<Domain.Notifications.OverdueLevel> OverdueLevels => Set<Domain.Notifications.OverdueLevel>();

    public DbSet<Domain.Notifications.ReminderSettings> ReminderSettings => Set<Domain.Notifications.ReminderSettings>();

    public DbSet<Notifications.Letters.NoticePrintBatch> NoticePrintBatches => Set<Notifications.Letters.NoticePrintBatch>();

    public DbSet<Sip2.Sip2Terminal> Sip2Terminals => Set<Sip2.Sip2Terminal>();

    public DbSet<Rfid.RfidPad> RfidPads => Set<Rfid.RfidPad>();

    public DbSet<Catalog.Editing.RecordEditLock> RecordEditLocks => Set<Catalog.Editing.RecordEditLock>();

    /// <summary>Entries for domain actions (checkout, block, import…) queued for the next save.</summary>
    internal IReadOnlyList<PendingAuditAction> PendingActions => _pendingActions;

    /// <summary>
    /// Records a domain action (beyond the automatic create/update/delete entries) in the same transaction as the
    /// next <c>SaveChanges</c>.
    /// </summary>
    public void RecordAction(AuditAction action, Entity? subject, string? message = null, AuditSeverity? severity = null, object? details = null)
    {
        _pendingActions.Add(new PendingAuditAction(action, subject, message, severity, details));
    }

    internal void ClearPendingActions() => _pendingActions.Clear();

    /// <summary>
    /// Detects changes once for the whole save. Every look at the change tracker (the audit, outbox and settings
    /// interceptors, then the save itself) would otherwise compare every tracked property again; what the interceptors
    /// change afterwards they add or mark themselves.
    /// </summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detect = DetectChangesOnce();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detect = DetectChangesOnce();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>A pooled context goes back to the pool as a new one would come: no actor, no queued action, nothing waiting for a commit.</summary>
    public override void Dispose()
    {
        ResetOwnState();
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        ResetOwnState();
        return base.DisposeAsync();
    }

    private void ResetOwnState()
    {
        Actor = Actor.System;
        _pendingActions.Clear();
        _afterCommitPending.Clear();
    }

    private bool DetectChangesOnce()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        return detect;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("unaccent");
        builder.HasPostgresExtension("pg_trgm");
        builder.HasDbFunction(typeof(SearchFunctions).GetMethod(nameof(SearchFunctions.Unaccent))!)
            .HasName("f_unaccent");
        builder.ApplyConfigurationsFromAssembly(typeof(MediaBibDbContext).Assembly);

        // Entities get their UUID v7 in the constructor: tell EF the key is never generated by the store, so a new
        // child reached through a navigation (a section added to a library) is inserted, not treated as existing.
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).Property(nameof(Entity.Id)).ValueGeneratedNever();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }
}

internal sealed record PendingAuditAction(AuditAction Action, Entity? Subject, string? Message, AuditSeverity? Severity, object? Details);

/// <summary>SQL functions mapped for LINQ queries.</summary>
public static class SearchFunctions
{
    /// <summary>IMMUTABLE wrapper around unaccent, created by the first migration.</summary>
    public static string Unaccent(string text) => throw new NotSupportedException("Translated to SQL f_unaccent().");
}
