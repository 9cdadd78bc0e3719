using MediaBib.Domain.Audit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Administration;

public sealed record ItemTypeRow(Guid Id, string Code, string Label, bool NotForLoan);

/// <summary>Item types (Livre, DVD…), one axis of the circulation rules.</summary>
public sealed class ItemTypeAdmin(IDbContextFactory<MediaBibDbContext> factory)
{
    public async Task<IReadOnlyList<ItemTypeRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ItemTypes.AsNoTracking().OrderBy(t => t.Label)
            .Select(t => new ItemTypeRow(t.Id, t.Code, t.Label, t.NotForLoan))
            .ToListAsync(ct);
    }

    /// <summary>Creates a type when <paramref name="id"/> is null, else updates its label and loan flag.</summary>
    public Task<AdminResult<Guid>> SaveAsync(
        Actor actor, Guid? id, string code, string label, bool notForLoan, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            ItemType type;
            if (id is { } existing)
            {
                type = await db.ItemTypes.FirstOrDefaultAsync(t => t.Id == existing, ct)
                    ?? throw new ValidationException("itemType", ValidationError.Required);
                type.Relabel(label);
            }
            else
            {
                type = new ItemType(code, label);
                db.ItemTypes.Add(type);
            }

            type.SetNotForLoan(notForLoan);
            db.RecordAction(AuditAction.Configuration, type, id is null ? "Type de document créé" : "Type de document modifié");
            await db.SaveChangesAsync(ct);
            return type.Id;
        });
}
