using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Notifications.Templates;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Notifications.Letters;

/// <summary>
/// Gathers the letters waiting in the print queue into one PDF (one letter per page, sorted by library then patron).
/// The batch and the link from each letter to it are saved in one transaction, and the rows are locked while the PDF
/// is built, so two printers never put one letter in two batches and a crash loses none.
/// </summary>
public sealed class LetterBatchPrinter(IDbContextFactory<MediaBibDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Prints up to <paramref name="max"/> waiting letters; null when none waits.</summary>
    public async Task<NoticePrintBatch?> PrintPendingAsync(Actor actor, int max, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Actor = actor;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var notices = await db.Notices
            .FromSql($"SELECT *, xmin FROM notices WHERE channel = 'Letter' AND status = 'Sent' AND print_batch_id IS NULL ORDER BY created_at LIMIT {max} FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (notices.Count == 0)
        {
            return null;
        }

        var patronIds = notices.Select(n => n.PatronId).Distinct().ToList();
        var libraryIds = notices.Select(n => n.LibraryId).Distinct().ToList();
        var patrons = await db.Patrons.Where(p => patronIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var libraries = await db.Libraries.Where(l => libraryIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, ct);
        var ordered = notices
            .OrderBy(n => libraries[n.LibraryId].Name, StringComparer.Ordinal)
            .ThenBy(n => patrons[n.PatronId].SortName, StringComparer.Ordinal)
            .ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        using var pdf = new MemoryStream();
        LetterPdfWriter.Write(ordered.Select(n => ToLetter(n, patrons[n.PatronId], libraries[n.LibraryId], now)), pdf,
            $"Courriers du {FrenchFormat.Date(now)}");
        var batch = new NoticePrintBatch(ordered.Count, pdf.ToArray());
        db.NoticePrintBatches.Add(batch);
        foreach (var notice in ordered)
        {
            notice.AssignToPrintBatch(batch.Id);
        }

        db.RecordAction(Domain.Audit.AuditAction.Export, batch, $"Lot de {ordered.Count} courrier(s) à imprimer");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch;
    }

    private static Letter ToLetter(Notice notice, Patron patron, Library library, DateTime now)
    {
        var head = new List<string> { library.Name };
        head.AddRange(new[]
        {
            library.Address.Street,
            string.Join(' ', new[] { library.Address.PostalCode, library.Address.City }.Where(s => !string.IsNullOrWhiteSpace(s))),
            library.Phone is null ? null : "Tél. " + library.Phone,
            library.Email,
        }.Where(s => !string.IsNullOrWhiteSpace(s))!);
        var address = new List<string> { $"{patron.FirstName} {patron.LastName.ToUpperInvariant()}" };
        address.AddRange(new[]
        {
            patron.Address.Street,
            $"{patron.Address.PostalCode} {patron.Address.City?.ToUpperInvariant()}".Trim(),
        }.Where(s => !string.IsNullOrWhiteSpace(s))!);
        var place = string.IsNullOrWhiteSpace(library.Address.City) ? "" : library.Address.City + ", ";
        return new Letter(head, address, $"{place}le {FrenchFormat.Date(now)}", notice.Subject ?? "", notice.Body ?? "");
    }
}
