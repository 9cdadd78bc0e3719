using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Administration;

/// <summary>What the library form edits.</summary>
public sealed record LibraryInput(
    string Code, string Name, string? Isil, string? Street, string? PostalCode, string? City, string? Phone, string? Email);

public sealed record LibrarySummary(Guid Id, string Code, string Name, string? City, int Sections);

/// <summary>
/// Libraries with their sections, shelves and calendar. One short-lived context per operation; every change names
/// the actor, so the interceptor's entries and the explicit configuration entry say who did it.
/// </summary>
public sealed class LibraryAdmin(IDbContextFactory<MediaBibDbContext> factory)
{
    public async Task<IReadOnlyList<LibrarySummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Libraries.AsNoTracking()
            .OrderBy(l => l.Name)
            .Select(l => new { l.Id, l.Code, l.Name, l.Address.City, Sections = l.Sections.Count })
            .ToListAsync(ct);
        return [.. rows.Select(r => new LibrarySummary(r.Id, r.Code.Value, r.Name, r.City, r.Sections))];
    }

    /// <summary>A library with sections, shelves, opening hours and closed days; null when it does not exist.</summary>
    public async Task<Library?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Libraries.AsNoTracking().AsSplitQuery()
            .Include(l => l.Sections).ThenInclude(s => s.Shelves)
            .FirstOrDefaultAsync(l => l.Id == id, ct);
    }

    public Task<AdminResult<Guid>> CreateAsync(Actor actor, LibraryInput input, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            var library = new Library(LibraryCode.From(input.Code), input.Name);
            Apply(library, input);
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            db.Libraries.Add(library);
            db.RecordAction(AuditAction.Configuration, library, "Bibliothèque créée");
            await db.SaveChangesAsync(ct);
            return library.Id;
        });

    public Task<AdminResult<Guid>> UpdateAsync(Actor actor, Guid id, LibraryInput input, CancellationToken ct = default) =>
        ChangeAsync(actor, id, "Bibliothèque modifiée", library =>
        {
            library.ChangeCode(LibraryCode.From(input.Code));
            library.Rename(input.Name);
            Apply(library, input);
            return null;
        }, ct);

    public Task<AdminResult<Guid>> AddSectionAsync(Actor actor, Guid libraryId, string code, string name, CancellationToken ct = default) =>
        ChangeAsync(actor, libraryId, $"Section {code} ajoutée", library => library.AddSection(code ?? "", name), ct, includeSections: true);

    /// <summary>
    /// Adds a shelf to a section. New sections and shelves are added to the context explicitly: their UUID key is set
    /// by the domain, so change detection through the navigation alone would take them for existing rows.
    /// </summary>

    public Task<AdminResult<Guid>> AddShelfAsync(
        Actor actor, Guid libraryId, Guid sectionId, string code, string name, CancellationToken ct = default) =>
        ChangeAsync(actor, libraryId, $"Rayon {code} ajouté", library =>
        {
            var section = library.Sections.FirstOrDefault(s => s.Id == sectionId)
                ?? throw new ValidationException("section", ValidationError.Required);
            return section.AddShelf(code ?? "", name);
        }, ct, includeSections: true);

    public Task<AdminResult<Guid>> SetOpeningHoursAsync(
        Actor actor, Guid libraryId, IReadOnlyList<OpeningHours> hours, CancellationToken ct = default) =>
        ChangeAsync(actor, libraryId, "Horaires d'ouverture modifiés", library =>
        {
            if (hours.Any(h => h.Closes <= h.Opens))
            {
                throw new ValidationException("hours", ValidationError.OutOfRange);
            }

            library.SetOpeningHours(hours);
            return null;
        }, ct);

    public Task<AdminResult<Guid>> AddClosedDayAsync(
        Actor actor, Guid libraryId, DateOnly date, string reason, CancellationToken ct = default) =>
        ChangeAsync(actor, libraryId, $"Fermeture le {date:yyyy-MM-dd} ajoutée", library =>
        {
            library.AddClosedDay(date, reason);
            return null;
        }, ct, duplicateField: "date");

    public Task<AdminResult<Guid>> RemoveClosedDayAsync(Actor actor, Guid libraryId, DateOnly date, CancellationToken ct = default) =>
        ChangeAsync(actor, libraryId, $"Fermeture le {date:yyyy-MM-dd} retirée", library =>
        {
            library.RemoveClosedDay(date);
            return null;
        }, ct);

    private static void Apply(Library library, LibraryInput input) =>
        library.UpdateContact(input.Isil, new Address(Blank(input.Street), Blank(input.PostalCode), Blank(input.City)), input.Phone, input.Email);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private Task<AdminResult<Guid>> ChangeAsync(
        Actor actor, Guid id, string message, Func<Library, Entity?> change, CancellationToken ct,
        bool includeSections = false, string duplicateField = "code") =>
        AdminSave.RunAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            IQueryable<Library> query = db.Libraries;
            if (includeSections)
            {
                query = query.Include(l => l.Sections).ThenInclude(s => s.Shelves);
            }

            var library = await query.FirstOrDefaultAsync(l => l.Id == id, ct)
                ?? throw new ValidationException("library", ValidationError.Required);
            if (change(library) is { } added)
            {
                db.Add(added);
            }

            db.RecordAction(AuditAction.Configuration, library, message);
            await db.SaveChangesAsync(ct);
            return library.Id;
        }, duplicateField);
}
