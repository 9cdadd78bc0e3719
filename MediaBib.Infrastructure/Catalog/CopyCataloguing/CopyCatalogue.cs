using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Import;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>A catalogue record that a found record would match (same ISBN in any form, or same 001).</summary>
public sealed record ExistingRecord(Guid Id, string Title, string? Isbn);

/// <summary>A found record next to what the catalogue already has for it.</summary>
public sealed record CopyCandidate(CopyCatalogueRecord Record, IReadOnlyList<ExistingRecord> Existing);

/// <summary>One target's answer with each record's catalogue matches.</summary>
public sealed record CopySearchResult(CopyTargetResult Target, IReadOnlyList<CopyCandidate> Candidates);

/// <summary>How bringing one record in went.</summary>
public enum CopyImportOutcome
{
    Created,
    Replaced,
    Merged,

    /// <summary>The record matched one already in the catalogue and the rule was Skip: nothing changed.</summary>
    AlreadyInCatalogue,

    Rejected,
}

/// <summary>The outcome, the record it concerns (created or updated, or the existing one a skipped record matched), and a detail.</summary>
public sealed record CopyImportResult(CopyImportOutcome Outcome, Guid? RecordId, string? Detail);

/// <summary>
/// The copy-cataloguing use case: search the targets (<see cref="CopyCatalogueClient"/>), show what the catalogue
/// already has for each record found, and bring one record in through <see cref="CatalogImport"/> (the same match rules,
/// binary COPY and <c>import</c> audit entry as a file import).
/// </summary>
public sealed class CopyCatalogue(CopyCatalogueClient client, CatalogImport import, IDbContextFactory<MediaBibDbContext> contexts)
{
    public IReadOnlyList<CopyTargetInfo> Targets => client.Targets;

    public async Task<IReadOnlyList<CopySearchResult>> SearchAsync(
        CopyCatalogueQuery query, IEnumerable<string>? targetIds, CancellationToken cancellationToken = default)
    {
        var results = await client.SearchAsync(query, targetIds, cancellationToken);
        var found = results.SelectMany(r => r.Records).ToList();
        var existing = await FindExistingAsync(found.Select(r => r.Mapped), cancellationToken);
        return [.. results.Select(r => new CopySearchResult(r, [.. r.Records.Select(c => new CopyCandidate(c, existing(c.Mapped)))]))];
    }

    /// <summary>Imports one found record with the given rule (match on 001, ISBN and ISSN, like a file import).</summary>
    public async Task<CopyImportResult> ImportAsync(
        CopyCatalogueRecord record, MatchAction onMatch, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(MarcXmlWriter.ToXml(record.Marc)), writable: false);
        var report = await import.ImportAsync(buffer, new ImportOptions
        {
            Format = ImportFormat.MarcXml,
            Flavour = record.Flavour,
            OnMatch = onMatch,
            SourceName = $"copie:{record.TargetId}",
            ListWrittenRecords = true,
            BatchSize = 1,
        }, actor, null, cancellationToken);

        if (report.WrittenRecords.FirstOrDefault() is { } written)
        {
            var outcome = report.Created > 0 ? CopyImportOutcome.Created : report.Replaced > 0 ? CopyImportOutcome.Replaced : CopyImportOutcome.Merged;
            return new CopyImportResult(outcome, written.RecordId, null);
        }

        if (report.Duplicates.FirstOrDefault() is { } duplicate)
        {
            return new CopyImportResult(CopyImportOutcome.AlreadyInCatalogue, duplicate.ExistingRecordId, duplicate.Detail);
        }

        var problem = report.Problems.FirstOrDefault();
        return new CopyImportResult(CopyImportOutcome.Rejected, null, problem is null ? null : $"{problem.Code}: {problem.Detail}");
    }

    private async Task<Func<MappedRecord, IReadOnlyList<ExistingRecord>>> FindExistingAsync(
        IEnumerable<MappedRecord> records, CancellationToken ct)
    {
        var list = records.ToList();
        var isbns = list.SelectMany(r => CatalogImport.IsbnForms(r.Isbn)).Distinct(StringComparer.Ordinal).ToArray();
        var controlNumbers = list.Select(r => r.ControlNumber).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var rows = new List<(Guid Id, string Title, string? Isbn, string? ControlNumber)>();
        if (isbns.Length > 0 || controlNumbers.Length > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            await using var command = new NpgsqlCommand(
                "SELECT id, title, isbn, control_number FROM records WHERE isbn = ANY(@isbn) OR control_number = ANY(@cn) ORDER BY title, id LIMIT 200",
                (NpgsqlConnection)db.Database.GetDbConnection());
            command.Parameters.Add(new NpgsqlParameter("isbn", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = isbns });
            command.Parameters.Add(new NpgsqlParameter("cn", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = controlNumbers });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1),
                    await reader.IsDBNullAsync(2, ct) ? null : reader.GetString(2),
                    await reader.IsDBNullAsync(3, ct) ? null : reader.GetString(3)));
            }
        }

        return mapped =>
        {
            var forms = CatalogImport.IsbnForms(mapped.Isbn);
            return [.. rows
                .Where(r => (r.Isbn is not null && forms.Contains(r.Isbn)) || (mapped.ControlNumber is not null && r.ControlNumber == mapped.ControlNumber))
                .Select(r => new ExistingRecord(r.Id, r.Title, r.Isbn))];
        };
    }
}
