using System.Text.Json;
using System.Text.Json.Serialization;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.PatronAccount;

/// <summary>
/// GDPR right of access: everything the library holds about one patron, as one JSON document — identity, contact,
/// preferences, loans (open and kept in history), holds, fines and payments, notices sent, and the audit entries
/// about the patron or done by them. Each export is itself audited (<see cref="AuditAction.GdprExport"/>).
/// </summary>
public sealed class PatronDataExport(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The UTF-8 JSON document, or null when there is no such patron.</summary>
    public async Task<byte[]?> ExportAsync(Actor actor, Guid patronId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var patron = await db.Patrons.FirstOrDefaultAsync(p => p.Id == patronId, ct);
        if (patron is null)
        {
            return null;
        }

        var category = await db.PatronCategories.Where(c => c.Id == patron.CategoryId).Select(c => c.Label).FirstAsync(ct);
        var home = await db.Libraries.Where(l => l.Id == patron.HomeLibraryId).Select(l => l.Name).FirstAsync(ct);
        var loans = await db.Loans.AsNoTracking().Where(l => l.PatronId == patronId)
            .Join(db.Items, l => l.ItemId, i => i.Id, (l, i) => new { Loan = l, i.Barcode, i.RecordId })
            .Join(db.Records, x => x.RecordId, r => r.Id, (x, r) => new { x.Loan, x.Barcode, r.Title })
            .OrderBy(x => x.Loan.CheckedOutAt).ToListAsync(ct);
        var holds = await db.Holds.AsNoTracking().Where(h => h.PatronId == patronId)
            .Join(db.Records, h => h.RecordId, r => r.Id, (h, r) => new { Hold = h, r.Title })
            .OrderBy(x => x.Hold.RequestedAt).ToListAsync(ct);
        var fines = await db.Fines.AsNoTracking().AsSplitQuery().Include(f => f.Payments).Where(f => f.PatronId == patronId)
            .OrderBy(f => f.CreatedAt).ToListAsync(ct);
        var notices = await db.Notices.AsNoTracking().AsSplitQuery().Where(n => n.PatronId == patronId).OrderBy(n => n.CreatedAt).ToListAsync(ct);

        var about = new List<Guid> { patronId };
        about.AddRange(loans.Select(l => l.Loan.Id));
        about.AddRange(holds.Select(h => h.Hold.Id));
        about.AddRange(fines.Select(f => f.Id));
        var card = patron.CardNumber.Value;
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ObjectId != null && about.Contains(a.ObjectId.Value) || a.ActorKind == "patron" && a.Actor == card)
            .OrderBy(a => a.OccurredAt).Take(10_000)
            .Select(a => new { a.OccurredAt, a.Action, a.ActorKind, a.Actor, a.ObjectType, a.ObjectLabel, a.Message, a.ChangedFields, a.Ip })
            .ToListAsync(ct);
        // Staff are named and located only in the library's own log: the patron learns that staff acted, not who or from where.
        var auditAboutPatron = audit.Select(a => a.ActorKind == "patron"
            ? a
            : a with { Actor = a.ActorKind is "staff" or "api" ? "personnel de la bibliothèque" : a.Actor, Ip = null });

        var document = new
        {
            ExportedAt = clock.GetUtcNow().UtcDateTime,
            Identity = new { patron.Id, CardNumber = card, patron.FirstName, patron.LastName, patron.BirthDate, Category = category, HomeLibrary = home },
            Contact = new { patron.Email, patron.Phone, Address = new { patron.Address.Street, patron.Address.PostalCode, patron.Address.City } },
            Membership = new { patron.ExpiresOn, patron.IsBlocked, patron.BlockReason, patron.SuspendedUntil, patron.Balance, patron.Notes },
            Consent = new { patron.GdprConsentAt, patron.GdprConsentVersion, patron.KeepReadingHistory },
            Preferences = new { patron.PreferredNoticeChannel },
            OpacAccount = new { HasPassword = patron.OpacPasswordHash is not null, patron.OpacFailedLogins, patron.OpacLockedUntil },
            Loans = loans.Select(l => new
            {
                l.Loan.Id, l.Title, Barcode = l.Barcode.Value, l.Loan.CheckedOutAt, l.Loan.DueAt, l.Loan.ReturnedAt, l.Loan.RenewalCount,
            }),
            Holds = holds.Select(h => new
            {
                h.Hold.Id, h.Title, h.Hold.Status, h.Hold.RequestedAt, h.Hold.PickupLibraryId, h.Hold.SuspendedUntil, h.Hold.PickupDeadline,
                h.Hold.ClosedAt, h.Hold.CancellationReason,
            }),
            Fines = fines.Select(f => new
            {
                f.Id, f.Kind, f.Status, f.Description, f.Amount, f.AmountPaid, f.AmountWaived, f.CreatedAt, f.ClosedAt,
                Payments = f.Payments.Select(p => new { p.Amount, p.Method, p.PaidAt }),
            }),
            Notices = notices.Select(n => new
            {
                n.Id, Kind = n.Kind.Code(), Channel = n.Channel.Code(), n.Status, n.CreatedAt, n.SentAt, n.Recipient, n.Subject, n.Body,
                Items = n.Items.Select(i => i.Title),
            }),
            AuditEntries = auditAboutPatron,
        };

        db.RecordAction(AuditAction.GdprExport, patron, "Export des données personnelles (droit d'accès)");
        await db.SaveChangesAsync(ct);
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }
}
