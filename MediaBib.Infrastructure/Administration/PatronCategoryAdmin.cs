using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Administration;

public sealed record PatronCategoryInput(
    string Code, string Label, int LoanDays, int MaxLoans, int MaxHolds, decimal FinePerDay,
    int MembershipMonths, decimal MembershipFee, int? AgeMin, int? AgeMax);

public sealed record PatronCategoryRow(Guid Id, PatronCategoryInput Values);

/// <summary>Patron categories and their loan defaults.</summary>
public sealed class PatronCategoryAdmin(IDbContextFactory<MediaBibDbContext> factory)
{
    public async Task<IReadOnlyList<PatronCategoryRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.PatronCategories.AsNoTracking().OrderBy(c => c.Label)
            .Select(c => new PatronCategoryRow(c.Id, new PatronCategoryInput(
                c.Code, c.Label, c.LoanDays, c.MaxLoans, c.MaxHolds, c.FinePerDay, c.MembershipMonths, c.MembershipFee, c.AgeMin, c.AgeMax)))
            .ToListAsync(ct);
    }

    /// <summary>Creates a category when <paramref name="id"/> is null, else updates it (its code is fixed once created).</summary>
    public Task<AdminResult<Guid>> SaveAsync(Actor actor, Guid? id, PatronCategoryInput input, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            PatronCategory category;
            if (id is { } existing)
            {
                category = await db.PatronCategories.FirstOrDefaultAsync(c => c.Id == existing, ct)
                    ?? throw new ValidationException("category", ValidationError.Required);
                category.Relabel(input.Label);
            }
            else
            {
                category = new PatronCategory(input.Code, input.Label);
                db.PatronCategories.Add(category);
            }

            if (input.AgeMin is { } min && input.AgeMax is { } max && min > max)
            {
                throw new ValidationException("ageMax", ValidationError.OutOfRange);
            }

            category.SetLoanDefaults(input.LoanDays, input.MaxLoans, input.MaxHolds, input.FinePerDay);
            category.SetMembership(input.MembershipMonths, input.MembershipFee, input.AgeMin, input.AgeMax);
            db.RecordAction(AuditAction.Configuration, category, id is null ? "Catégorie de lecteurs créée" : "Catégorie de lecteurs modifiée");
            await db.SaveChangesAsync(ct);
            return category.Id;
        });
}
