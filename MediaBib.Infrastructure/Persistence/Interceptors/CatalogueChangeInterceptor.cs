using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Search.Caching;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Persistence.Interceptors;

/// <summary>
/// When a save that touched a record, its authors or subjects, an item, a loan, a hold or a transit has committed,
/// drops the cached OPAC fragments of the records concerned in this process (and in Redis) before <c>SaveChanges</c>
/// returns, so the screen that made the change, and every reader after it on this node, sees it. Other processes
/// hear it through the outbox events (<see cref="CirculationEventInvalidator"/>). See ADR-005.
/// </summary>
public sealed class CatalogueChangeInterceptor(string connectionString) : AfterCommitInterceptor<CatalogueChangeInterceptor.Touched>
{
    protected override bool Collect(DbContext context, Touched pending)
    {
        var (records, items) = (pending.Records, pending.Items);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Record record: records.Add(record.Id); break;
                case RecordAuthor author: records.Add(author.RecordId); break;
                case RecordSubject subject: records.Add(subject.RecordId); break;
                case Item item: records.Add(item.RecordId); break;
                case Hold hold: records.Add(hold.RecordId); break;
                case Loan loan: items.Add(loan.ItemId); break;
                case Transit transit: items.Add(transit.ItemId); break;
            }
        }

        // A loan or transit whose item is tracked needs no look-up.
        foreach (var item in context.ChangeTracker.Entries<Item>())
        {
            items.Remove(item.Entity.Id);
        }

        return records.Count > 0 || items.Count > 0;
    }

    protected override void OnCommitted(DbContext context, Touched touched)
    {
        var line = FragmentInvalidation.For(connectionString);
        if (!line.HasListeners)
        {
            return;
        }

        if (touched.Items.Count > 0)
        {
            touched.Records.UnionWith(RecordsOf(touched.Items));
        }

        line.Publish(touched.Records);
    }

    private List<Guid> RecordsOf(HashSet<Guid> items)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT DISTINCT record_id FROM items WHERE id = ANY(@ids)", connection);
            command.Parameters.AddWithValue("ids", items.ToArray());
            using var reader = command.ExecuteReader();
            var records = new List<Guid>();
            while (reader.Read())
            {
                records.Add(reader.GetGuid(0));
            }

            return records;
        }
        catch (NpgsqlException)
        {
            // The circulation event drops them too, a moment later.
            return [];
        }
    }

    /// <summary>The records and items the saves of one transaction touched.</summary>
    public sealed class Touched
    {
        public HashSet<Guid> Records { get; } = [];

        public HashSet<Guid> Items { get; } = [];
    }
}
