using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Notifications.Templates;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Notifications;

public sealed record OverdueLevelInput(Guid LibraryId, Guid? CategoryId, int Level, int DelayDays, IReadOnlyList<NoticeChannel> Channels, string TemplateKey, OverdueAction Action);

public sealed record OverdueLevelRow(Guid Id, string LibraryName, string? CategoryLabel, OverdueLevelInput Values);

/// <summary>One template of the admin page: the stored copy, or the built-in default when none is stored yet.</summary>
public sealed record NoticeTemplateRow(string Key, NoticeChannel Channel, string Subject, string BodyText, string? BodyHtml, bool IsStored);

public sealed record ReminderSettingsInput(Guid LibraryId, Guid? CategoryId, int? CourtesyDaysBefore, int? CardExpiryDaysBefore, IReadOnlyList<NoticeChannel> Channels);

public sealed record ReminderSettingsRow(Guid Id, string LibraryName, string? CategoryLabel, ReminderSettingsInput Values);

/// <summary>Something an admin form picks (a library, a patron category).</summary>
public sealed record AdminChoice(Guid Id, string Label);

/// <summary>What the levels form offers: libraries, patron categories and the template keys known.</summary>
public sealed record NoticeChoices(IReadOnlyList<AdminChoice> Libraries, IReadOnlyList<AdminChoice> Categories, IReadOnlyList<string> TemplateKeys);

/// <summary>A template preview on a real patron, or why there is none.</summary>
public sealed record TemplatePreview(RenderedNotice? Notice, IReadOnlyList<TemplateError> Errors, bool PatronFound);

/// <summary>
/// What administrators change about notices: the overdue levels of each library × patron category, and the text of
/// each template (checked before it is stored, previewed on a real patron). Every change is audited.
/// </summary>
public sealed class NoticeAdmin(IDbContextFactory<MediaBibDbContext> factory, NoticeTemplateRenderer renderer, TimeProvider clock)
{
    public async Task<NoticeChoices> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var libraries = await db.Libraries.AsNoTracking().OrderBy(l => l.Name).Select(l => new AdminChoice(l.Id, l.Name)).ToListAsync(ct);
        var categories = await db.PatronCategories.AsNoTracking().OrderBy(c => c.Label).Select(c => new AdminChoice(c.Id, c.Label)).ToListAsync(ct);
        var stored = await db.NoticeTemplates.AsNoTracking().Select(t => t.Key).Distinct().ToListAsync(ct);
        return new NoticeChoices(libraries, categories, [.. DefaultNoticeTemplates.Keys.Concat(stored).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    public async Task<IReadOnlyList<OverdueLevelRow>> ListLevelsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var levels = await db.OverdueLevels.AsNoTracking().ToListAsync(ct);
        var libraries = await db.Libraries.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var categories = await db.PatronCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Label, ct);
        return [.. levels
            .Select(l => new OverdueLevelRow(l.Id, libraries.GetValueOrDefault(l.LibraryId, "?"),
                l.PatronCategoryId is { } c ? categories.GetValueOrDefault(c) : null,
                new OverdueLevelInput(l.LibraryId, l.PatronCategoryId, l.Level, l.DelayDays, l.Channels, l.TemplateKey, l.Action)))
            .OrderBy(r => r.LibraryName, StringComparer.Ordinal)
            .ThenBy(r => r.CategoryLabel ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.Values.Level)];
    }

    /// <summary>
    /// Creates a level when <paramref name="id"/> is null, else changes it (its library, category and number stay).
    /// "Mark lost and charge" is only allowed on the last level of its library × category.
    /// </summary>
    public Task<AdminResult<Guid>> SaveLevelAsync(Actor actor, Guid? id, OverdueLevelInput input, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            OverdueLevel level;
            if (id is { } existing)
            {
                level = await db.OverdueLevels.FirstOrDefaultAsync(l => l.Id == existing, ct)
                    ?? throw new ValidationException("level", ValidationError.Required);
                level.Change(input.DelayDays, input.Channels, input.TemplateKey, input.Action);
            }
            else
            {
                level = new OverdueLevel(input.LibraryId, input.CategoryId, input.Level, input.DelayDays, input.Channels, input.TemplateKey, input.Action);
                db.OverdueLevels.Add(level);
            }

            var siblings = await db.OverdueLevels.AsNoTracking()
                .Where(l => l.LibraryId == level.LibraryId && l.PatronCategoryId == level.PatronCategoryId && l.Id != level.Id)
                .ToListAsync(ct);
            if (level.Action == OverdueAction.MarkLostAndCharge && siblings.Any(s => s.Level > level.Level))
            {
                throw new ValidationException("action", ValidationError.OutOfRange);
            }

            if (siblings.Any(s => s.Action == OverdueAction.MarkLostAndCharge && s.Level < level.Level))
            {
                throw new ValidationException("level", ValidationError.OutOfRange);
            }

            db.RecordAction(AuditAction.Configuration, level, id is null ? "Niveau de relance créé" : "Niveau de relance modifié");
            await db.SaveChangesAsync(ct);
            return level.Id;
        }, duplicateField: "level");

    public async Task DeleteLevelAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (await db.OverdueLevels.FirstOrDefaultAsync(l => l.Id == id, ct) is { } level)
        {
            db.OverdueLevels.Remove(level);
            db.RecordAction(AuditAction.Configuration, level, "Niveau de relance supprimé");
            await db.SaveChangesAsync(ct);
        }
    }

    public async Task<IReadOnlyList<ReminderSettingsRow>> ListReminderSettingsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.ReminderSettings.AsNoTracking().ToListAsync(ct);
        var libraries = await db.Libraries.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var categories = await db.PatronCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Label, ct);
        return [.. settings
            .Select(r => new ReminderSettingsRow(r.Id, libraries.GetValueOrDefault(r.LibraryId, "?"),
                r.PatronCategoryId is { } c ? categories.GetValueOrDefault(c) : null,
                new ReminderSettingsInput(r.LibraryId, r.PatronCategoryId, r.CourtesyDaysBefore, r.CardExpiryDaysBefore, r.Channels)))
            .OrderBy(r => r.LibraryName, StringComparer.Ordinal)
            .ThenBy(r => r.CategoryLabel ?? "", StringComparer.Ordinal)];
    }

    /// <summary>Sets the reminders before the due date and before card expiry of a library × category (created or replaced).</summary>
    public Task<AdminResult<Guid>> SaveReminderSettingsAsync(Actor actor, ReminderSettingsInput input, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            var settings = await db.ReminderSettings.FirstOrDefaultAsync(r => r.LibraryId == input.LibraryId && r.PatronCategoryId == input.CategoryId, ct);
            if (settings is null)
            {
                settings = new ReminderSettings(input.LibraryId, input.CategoryId, input.CourtesyDaysBefore, input.CardExpiryDaysBefore, input.Channels);
                db.ReminderSettings.Add(settings);
            }
            else
            {
                settings.Change(input.CourtesyDaysBefore, input.CardExpiryDaysBefore, input.Channels);
            }

            db.RecordAction(AuditAction.Configuration, settings, "Rappels avant échéance modifiés");
            await db.SaveChangesAsync(ct);
            return settings.Id;
        }, duplicateField: "library");

    /// <summary>Every template key (built-in ones and those the levels use) × channel, stored copy first.</summary>
    public async Task<IReadOnlyList<NoticeTemplateRow>> ListTemplatesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var stored = await db.NoticeTemplates.AsNoTracking().Where(t => t.Language == "fr").ToListAsync(ct);
        var levelKeys = await db.OverdueLevels.AsNoTracking().Select(l => l.TemplateKey).Distinct().ToListAsync(ct);
        var keys = DefaultNoticeTemplates.Keys.Concat(levelKeys).Concat(stored.Select(t => t.Key)).Distinct(StringComparer.Ordinal);
        return [.. keys.SelectMany(key => Enum.GetValues<NoticeChannel>().Select(channel =>
                stored.FirstOrDefault(t => t.Key == key && t.Channel == channel) is { } s
                    ? new NoticeTemplateRow(key, channel, s.Subject, s.BodyText, s.BodyHtml, true)
                    : DefaultNoticeTemplates.Find(key, channel) is { } d
                        ? new NoticeTemplateRow(key, channel, d.Subject, d.BodyText, d.BodyHtml, false)
                        : new NoticeTemplateRow(key, channel, "", "", null, false)))
            .OrderBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.Channel)];
    }

    /// <summary>Stores the template after checking that it parses and renders; the errors say where it does not.</summary>
    public async Task<IReadOnlyList<TemplateError>> SaveTemplateAsync(Actor actor, string key, NoticeChannel channel, string subject, string bodyText, string? bodyHtml, CancellationToken ct = default)
    {
        NoticeTemplate candidate;
        try
        {
            candidate = new NoticeTemplate(key, channel, subject, bodyText, string.IsNullOrWhiteSpace(bodyHtml) ? null : bodyHtml);
        }
        catch (ValidationException ex)
        {
            return [new TemplateError(ex.Field, 0, 0, ex.Code)];
        }

        var errors = renderer.Validate(candidate);
        if (errors.Count > 0)
        {
            return errors;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actor;
        var template = await db.NoticeTemplates.FirstOrDefaultAsync(t => t.Key == key && t.Channel == channel && t.Language == "fr", ct);
        if (template is null)
        {
            template = candidate;
            db.NoticeTemplates.Add(template);
        }
        else
        {
            template.Edit(candidate.Subject, candidate.BodyText, candidate.BodyHtml);
        }

        db.RecordAction(AuditAction.Configuration, template, "Modèle d'avis modifié");
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>
    /// Renders the template being edited on the patron with this card number: their name and address, their home
    /// library, and their open loans as the items (the first three, with their due dates).
    /// </summary>
    public async Task<TemplatePreview> PreviewAsync(string cardNumber, string key, NoticeChannel channel, string subject, string bodyText, string? bodyHtml, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        CardNumber card;
        try
        {
            card = CardNumber.From(cardNumber);
        }
        catch (ValidationException)
        {
            return new TemplatePreview(null, [], PatronFound: false);
        }

        var patron = await db.Patrons.AsNoTracking().FirstOrDefaultAsync(p => p.CardNumber == card && p.AnonymizedAt == null, ct);
        if (patron is null)
        {
            return new TemplatePreview(null, [], PatronFound: false);
        }

        var library = await db.Libraries.AsNoTracking().SingleAsync(l => l.Id == patron.HomeLibraryId, ct);
        var loans = await (
                from loan in db.Loans
                where loan.PatronId == patron.Id && loan.ReturnedAt == null
                join item in db.Items on loan.ItemId equals item.Id
                join record in db.Records on item.RecordId equals record.Id
                orderby loan.DueAt
                select new { record.Title, item.Barcode, loan.DueAt, item.Price })
            .Take(3)
            .ToListAsync(ct);
        var items = loans.Select(l => new NoticeItemModel(l.Title, l.Barcode.Value, l.DueAt, l.Price)).ToList();
        var model = new NoticeModel(new NoticeLibraryModel(library.Name, library.Address, library.Phone, library.Email),
            new NoticePatronModel(patron.FirstName, patron.LastName, patron.CardNumber.Value, patron.Address, patron.Balance, patron.ExpiresOn),
            items, 1, clock.GetUtcNow().UtcDateTime);
        try
        {
            var template = new NoticeTemplate(key, channel, subject, bodyText, string.IsNullOrWhiteSpace(bodyHtml) ? null : bodyHtml);
            return new TemplatePreview(renderer.Render(template, model), [], PatronFound: true);
        }
        catch (TemplateException ex)
        {
            return new TemplatePreview(null, ex.Errors, PatronFound: true);
        }
        catch (ValidationException ex)
        {
            return new TemplatePreview(null, [new TemplateError(ex.Field, 0, 0, ex.Code)], PatronFound: true);
        }
    }
}
