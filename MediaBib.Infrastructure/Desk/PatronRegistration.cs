using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Desk;

/// <summary>What the registration form sends. An empty card number asks for a generated one.</summary>
public sealed record PatronInput(
    string? CardNumber, Guid CategoryId, Guid HomeLibraryId, string FirstName, string LastName, DateOnly? BirthDate,
    string? Email, string? Phone, string? Street, string? PostalCode, string? City, bool GdprConsent);

/// <summary>A patron as the edit form loads it, with the state the form shows beside the fields.</summary>
public sealed record PatronRegistrationView(Guid Id, PatronInput Values, DateOnly ExpiresOn, bool IsBlocked, string? BlockReason, DateTime? ConsentAt);

/// <summary>Another patron with the same name and birth date (accents and case ignored).</summary>
public sealed record PossibleDuplicate(Guid Id, string CardNumber, string SortName, DateOnly? BirthDate);

/// <summary>A choice of a select list (category, library).</summary>
public sealed record PatronOption(Guid Id, string Label);

/// <summary>
/// Registration and maintenance of patrons at the desk: create, edit, renew the subscription, block and unblock.
/// Rules live on <see cref="Patron"/>; every change is saved through the audit interceptor with the desk's actor.
/// </summary>
public sealed class PatronRegistration(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    /// <summary>Version of the data-processing notice the patron agrees to at the desk.</summary>
    public const string ConsentVersion = "2026-01";

    /// <summary>Field the duplicate warning is reported on.</summary>
    public const string DuplicateField = "duplicate";

    /// <summary>Error code of a card number that belongs to another patron.</summary>
    public const string CardTaken = "patron.card_taken";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<(IReadOnlyList<PatronOption> Categories, IReadOnlyList<PatronOption> Libraries)> OptionsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var categories = await db.PatronCategories.AsNoTracking().OrderBy(c => c.Label).Select(c => new PatronOption(c.Id, c.Label)).ToListAsync(ct);
        var libraries = await db.Libraries.AsNoTracking().OrderBy(l => l.Name).Select(l => new PatronOption(l.Id, l.Name)).ToListAsync(ct);
        return (categories, libraries);
    }

    public async Task<PatronRegistrationView?> LoadAsync(Guid patronId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var p = await db.Patrons.AsNoTracking().FirstOrDefaultAsync(x => x.Id == patronId && x.AnonymizedAt == null, ct);
        return p is null
            ? null
            : new PatronRegistrationView(p.Id, new PatronInput(
                    p.CardNumber.Value, p.CategoryId, p.HomeLibraryId, p.FirstName, p.LastName, p.BirthDate, p.Email, p.Phone,
                    p.Address.Street, p.Address.PostalCode, p.Address.City, p.GdprConsentAt is not null),
                p.ExpiresOn, p.IsBlocked, p.BlockReason, p.GdprConsentAt);
    }

    /// <summary>
    /// The next card number of the network's series <c>C</c> + 8 digits. Two desks asking at once may get the same
    /// one: the unique index lets one of them save and the other is told the number is taken.
    /// </summary>
    public async Task<string> SuggestCardNumberAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var next = await db.Database.SqlQueryRaw<long>("""
            SELECT COALESCE(MAX(substring(card_number FROM 2)::bigint), 0) + 1 AS "Value"
            FROM patrons WHERE card_number ~ '^C[0-9]+$' AND length(card_number) = 9
            """).SingleAsync(ct);
        return "C" + next.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Patrons with the same first and last name and birth date, accents and case ignored.</summary>
    public async Task<IReadOnlyList<PossibleDuplicate>> FindDuplicatesAsync(
        string firstName, string lastName, DateOnly? birthDate, Guid? exceptId = null, CancellationToken ct = default)
    {
        if (birthDate is null || string.IsNullOrWhiteSpace(firstName) || string.IsNullOrWhiteSpace(lastName))
        {
            return [];
        }

        // Same expression as the stored name_normalized column; ILIKE without wildcards is a case-insensitive equality.
        var name = Escape(Collapse(lastName) + " " + Collapse(firstName)).ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Patrons.AsNoTracking()
            .Where(p => p.AnonymizedAt == null && p.BirthDate == birthDate && p.Id != exceptId)
            .Where(p => EF.Functions.ILike(EF.Property<string>(p, "NameNormalized"), SearchFunctions.Unaccent(name), "\\"))
            .OrderBy(p => p.LastName)
            .Take(10)
            .ToListAsync(ct);
        return [.. rows.Select(p => new PossibleDuplicate(p.Id, p.CardNumber.Value, p.SortName, p.BirthDate))];
    }

    /// <summary>
    /// Registers a patron: the card (or a generated one), the subscription from today for the category's months, the
    /// contact details and the consent. A same-name, same-birth-date patron stops the registration with the
    /// <c>patron.possible_duplicate</c> error unless <paramref name="confirmDuplicate"/> says staff checked it.
    /// </summary>
    public async Task<AdminResult<Guid>> RegisterAsync(Actor actor, PatronInput input, bool confirmDuplicate = false, CancellationToken ct = default)
    {
        if (!confirmDuplicate && (await FindDuplicatesAsync(input.FirstName, input.LastName, input.BirthDate, null, ct)).Count > 0)
        {
            return AdminResult<Guid>.Fail(new AdminError(DuplicateField, "patron.possible_duplicate"));
        }

        var card = string.IsNullOrWhiteSpace(input.CardNumber) ? await SuggestCardNumberAsync(ct) : input.CardNumber;
        return await SaveAsync(actor, async db =>
        {
            var category = await CategoryAsync(db, input.CategoryId, ct);
            await EnsureLibraryAsync(db, input.HomeLibraryId, ct);
            var patron = Patron.Register(input.HomeLibraryId, category, CardNumber.From(card), input.FirstName, input.LastName, LibraryTime.Today(Now));
            Apply(patron, input);
            db.Patrons.Add(patron);
            return patron.Id;
        }, ct);
    }

    /// <summary>Saves the edited identity, card, category, home library, contact and consent of a patron.</summary>
    public Task<AdminResult<Guid>> UpdateAsync(Actor actor, Guid patronId, PatronInput input, CancellationToken ct = default) =>
        SaveAsync(actor, async db =>
        {
            var patron = await PatronAsync(db, patronId, ct);
            if (input.CategoryId != patron.CategoryId)
            {
                patron.ChangeCategory((await CategoryAsync(db, input.CategoryId, ct)).Id);
            }

            if (input.HomeLibraryId != patron.HomeLibraryId)
            {
                await EnsureLibraryAsync(db, input.HomeLibraryId, ct);
                patron.ChangeHomeLibrary(input.HomeLibraryId);
            }

            patron.ChangeCard(CardNumber.From(input.CardNumber));
            patron.Rename(input.FirstName, input.LastName);
            Apply(patron, input);
            return patron.Id;
        }, ct);

    /// <summary>Renews the subscription for the category's membership months; returns the new expiry date.</summary>
    public Task<AdminResult<DateOnly>> RenewAsync(Actor actor, Guid patronId, CancellationToken ct = default) =>
        SaveAsync(actor, async db =>
        {
            var patron = await PatronAsync(db, patronId, ct);
            var category = await CategoryAsync(db, patron.CategoryId, ct);
            patron.RenewMembership(LibraryTime.Today(Now), category.MembershipMonths);
            db.RecordAction(AuditAction.Update, patron, $"Abonnement renouvelé jusqu'au {patron.ExpiresOn.ToString("dd/MM/yyyy", Money.French)}");
            return patron.ExpiresOn;
        }, ct);

    public Task<AdminResult<Guid>> BlockAsync(Actor actor, Guid patronId, string reason, CancellationToken ct = default) =>
        SaveAsync(actor, async db =>
        {
            var patron = await PatronAsync(db, patronId, ct);
            patron.Block(reason);
            db.RecordAction(AuditAction.PatronBlocked, patron, patron.BlockReason);
            return patron.Id;
        }, ct);

    public Task<AdminResult<Guid>> UnblockAsync(Actor actor, Guid patronId, string? reason = null, CancellationToken ct = default) =>
        SaveAsync(actor, async db =>
        {
            var patron = await PatronAsync(db, patronId, ct);
            var was = patron.BlockReason;
            patron.Unblock();
            db.RecordAction(AuditAction.PatronUnblocked, patron,
                string.IsNullOrWhiteSpace(reason) ? $"Blocage levé ({was})" : $"Blocage levé ({was}) : {reason.Trim()}");
            return patron.Id;
        }, ct);

    /// <summary>
    /// Replaces the staff's internal note on the patron (empty clears it). The audit interceptor keeps the old and new
    /// text; a note change raises no event, so other open files show it at their next reload.
    /// </summary>
    public Task<AdminResult<Guid>> SetNotesAsync(Actor actor, Guid patronId, string? notes, CancellationToken ct = default) =>
        SaveAsync(actor, async db =>
        {
            var patron = await PatronAsync(db, patronId, ct);
            patron.SetNotes(Blank(notes));
            return patron.Id;
        }, ct);

    private void Apply(Patron patron, PatronInput input)
    {
        patron.UpdateContact(input.BirthDate, input.Email, input.Phone, new Address(Blank(input.Street), Blank(input.PostalCode), Blank(input.City)));
        if (input.GdprConsent && patron.GdprConsentAt is null)
        {
            patron.GiveConsent(Now, ConsentVersion);
        }
        else if (!input.GdprConsent && patron.GdprConsentAt is not null)
        {
            patron.WithdrawConsent();
        }
    }

    /// <summary>Runs a change in its own context; the only unique column edited here is the card number.</summary>
    private async Task<AdminResult<T>> SaveAsync<T>(Actor actor, Func<MediaBibDbContext, Task<T>> change, CancellationToken ct)
    {
        var result = await AdminSave.RunAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Actor = actor;
            var value = await change(db);
            await db.SaveChangesAsync(ct);
            return value;
        }, duplicateField: "cardNumber");
        return result.Errors.Any(e => e is { Field: "cardNumber", Code: "validation.duplicate" })
            ? AdminResult<T>.Fail(new AdminError("cardNumber", CardTaken))
            : result;
    }

    private static async Task<Patron> PatronAsync(MediaBibDbContext db, Guid id, CancellationToken ct) =>
        await db.Patrons.FirstOrDefaultAsync(p => p.Id == id && p.AnonymizedAt == null, ct)
        ?? throw new ValidationException("patron", ValidationError.Required);

    private static async Task<PatronCategory> CategoryAsync(MediaBibDbContext db, Guid id, CancellationToken ct) =>
        await db.PatronCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct)
        ?? throw new ValidationException("categoryId", ValidationError.Required);

    private static async Task EnsureLibraryAsync(MediaBibDbContext db, Guid id, CancellationToken ct)
    {
        if (!await db.Libraries.AnyAsync(l => l.Id == id, ct))
        {
            throw new ValidationException("homeLibraryId", ValidationError.Required);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Collapse(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
