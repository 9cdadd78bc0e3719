using System.Globalization;
using System.Reflection;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Administration;

/// <summary>A rule as listed: its three axes (null = any) and the values it sets, by field name.</summary>
public sealed record CirculationRuleRow(
    Guid Id, Guid? LibraryId, string? Library, Guid? CategoryId, string? Category, Guid? ItemTypeId, string? ItemType,
    IReadOnlyDictionary<string, string> Values);

/// <summary>One effective value for a (library, category, type) and where it comes from.</summary>
public sealed record EffectiveValue(string Field, string? Value, PolicySourceKind Source, Guid? RuleId);

/// <summary>A choice for an axis selector.</summary>
public sealed record AxisOption(Guid Id, string Label);

public sealed record RuleAxes(IReadOnlyList<AxisOption> Libraries, IReadOnlyList<AxisOption> Categories, IReadOnlyList<AxisOption> ItemTypes);

/// <summary>
/// The circulation rules matrix as the configuration page edits it. Values are exchanged as invariant strings keyed
/// by the <see cref="CirculationRuleValues"/> property name, so the page lists every field the engine knows without
/// repeating them; an empty string means "inherit".
/// </summary>
public sealed class CirculationRuleAdmin(IDbContextFactory<MediaBibDbContext> factory)
{
    public static IReadOnlyList<PropertyInfo> Fields { get; } = typeof(CirculationRuleValues)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite)
        .ToList();

    public async Task<RuleAxes> AxesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return new RuleAxes(
            await db.Libraries.AsNoTracking().OrderBy(l => l.Name).Select(l => new AxisOption(l.Id, l.Name)).ToListAsync(ct),
            await db.PatronCategories.AsNoTracking().OrderBy(c => c.Label).Select(c => new AxisOption(c.Id, c.Label)).ToListAsync(ct),
            await db.ItemTypes.AsNoTracking().OrderBy(t => t.Label).Select(t => new AxisOption(t.Id, t.Label)).ToListAsync(ct));
    }

    public async Task<IReadOnlyList<CirculationRuleRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var axes = await AxesAsync(ct);
        var rules = await db.Set<CirculationRule>().AsNoTracking().ToListAsync(ct);
        string? Name(IReadOnlyList<AxisOption> options, Guid? id) => id is null ? null : options.FirstOrDefault(o => o.Id == id)?.Label ?? "?";
        return rules
            .OrderByDescending(r => r.Specificity)
            .ThenBy(r => Name(axes.Libraries, r.LibraryId))
            .ThenBy(r => Name(axes.Categories, r.PatronCategoryId))
            .Select(r => new CirculationRuleRow(
                r.Id, r.LibraryId, Name(axes.Libraries, r.LibraryId), r.PatronCategoryId, Name(axes.Categories, r.PatronCategoryId),
                r.ItemTypeId, Name(axes.ItemTypes, r.ItemTypeId), ToStrings(r.Values)))
            .ToList();
    }

    /// <summary>Creates a rule (when <paramref name="id"/> is null) or changes its values. One rule per axes triple.</summary>
    public Task<AdminResult<Guid>> SaveAsync(
        Actor actor, Guid? id, Guid? libraryId, Guid? categoryId, Guid? itemTypeId, IReadOnlyDictionary<string, string?> values, CancellationToken ct = default) =>
        AdminSave.RunAsync(async () =>
        {
            var parsed = Parse(values);
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            CirculationRule rule;
            if (id is { } existing)
            {
                rule = await db.Set<CirculationRule>().FirstOrDefaultAsync(r => r.Id == existing, ct)
                    ?? throw new ValidationException("rule", ValidationError.Required);
                rule.Change(parsed);
            }
            else
            {
                rule = new CirculationRule(libraryId, categoryId, itemTypeId, parsed);
                db.Add(rule);
            }

            db.RecordAction(AuditAction.Configuration, rule, id is null ? "Règle de prêt créée" : "Règle de prêt modifiée");
            await db.SaveChangesAsync(ct);
            return rule.Id;
        }, duplicateField: "axes");

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = actor;
        if (await db.Set<CirculationRule>().FirstOrDefaultAsync(r => r.Id == id, ct) is { } rule)
        {
            db.Remove(rule);
            db.RecordAction(AuditAction.Configuration, rule, "Règle de prêt supprimée");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The values the engine would apply for this (library, category, type), each with its source.</summary>
    public async Task<IReadOnlyList<EffectiveValue>> EffectiveAsync(Guid libraryId, Guid? categoryId, Guid? itemTypeId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rules = await db.Set<CirculationRule>().AsNoTracking().ToListAsync(ct);
        var category = categoryId is null ? null : await db.PatronCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        var policy = CirculationPolicy.Resolve(rules, libraryId, category, itemTypeId);
        return Fields
            .Select(f => new EffectiveValue(f.Name, Format(f.GetValue(policy.Values)), policy.Sources[f.Name].Kind, policy.Sources[f.Name].RuleId))
            .ToList();
    }

    public static IReadOnlyDictionary<string, string> ToStrings(CirculationRuleValues values) =>
        Fields.Where(f => f.GetValue(values) is not null).ToDictionary(f => f.Name, f => Format(f.GetValue(values))!);

    /// <summary>Reads the form: empty means inherit; anything unreadable is a field error naming the field.</summary>
    public static CirculationRuleValues Parse(IReadOnlyDictionary<string, string?> values)
    {
        var result = new CirculationRuleValues();
        foreach (var field in Fields)
        {
            if (!values.TryGetValue(field.Name, out var text) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(field.PropertyType) ?? field.PropertyType;
            object? value = null;
            text = text.Trim();
            if (type == typeof(int) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
            {
                value = i;
            }
            else if (type == typeof(decimal) && decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
            {
                value = d;
            }
            else if (type == typeof(bool) && bool.TryParse(text, out var b))
            {
                value = b;
            }
            else if (type == typeof(DateOnly) && DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var date))
            {
                value = date;
            }
            else if (type.IsEnum && Enum.TryParse(type, text, true, out var e))
            {
                value = e;
            }

            field.SetValue(result, value ?? throw new ValidationException(field.Name, ValidationError.InvalidFormat));
        }

        return result.Validated();
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        decimal d => d.ToString("0.00", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
