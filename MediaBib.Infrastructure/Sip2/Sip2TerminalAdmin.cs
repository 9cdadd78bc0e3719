using MediaBib.Domain.Common;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Sip2;

/// <summary>A terminal account as the admin page lists it (never the password hash).</summary>
public sealed record Sip2TerminalRow(
    Guid Id, string Login, Guid LibraryId, string LibraryName, IReadOnlyList<string> Operations, string Charset,
    IReadOnlyList<Sip2SortBinRule> SortBinRules, bool CheckinCapturesHolds, bool IsEnabled, DateTime UpdatedAt);

/// <summary>What the admin page edits on a terminal account (the login and password have their own steps).</summary>
public sealed record Sip2TerminalSettings(
    Guid? LibraryId, IReadOnlyList<string> Operations, string Charset, bool CheckinCapturesHolds, IReadOnlyList<Sip2SortBinRule> SortBinRules);

/// <summary>
/// SIP2 terminal accounts for the admin page: list, create, edit, change password, enable/disable. Input is checked
/// field by field against <see cref="Sip2TerminalVocabulary"/> and refused with <see cref="AdminError"/>s; the changes
/// themselves go through <see cref="Sip2TerminalService"/> (or the same entity methods) and are audited by the
/// SaveChanges interceptor. The worker reads the account at each login, so changes apply at the kiosk's next login.
/// </summary>
public sealed class Sip2TerminalAdmin(IDbContextFactory<MediaBibDbContext> factory, Sip2TerminalService terminals)
{
    public async Task<IReadOnlyList<Sip2TerminalRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Sip2Terminals.AsNoTracking()
            .Join(db.Libraries, t => t.LibraryId, l => l.Id, (t, l) => new { Terminal = t, l.Name })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Terminal.Login, StringComparer.Ordinal).Select(r => new Sip2TerminalRow(
            r.Terminal.Id, r.Terminal.Login, r.Terminal.LibraryId, r.Name, r.Terminal.AllowedOperations, r.Terminal.Charset,
            Sip2SortBinRule.Parse(r.Terminal.SortBinRules), r.Terminal.CheckinCapturesHolds, r.Terminal.IsEnabled, r.Terminal.UpdatedAt))];
    }

    public async Task<AdminResult<Guid>> CreateAsync(Actor actor, string login, string password, Sip2TerminalSettings settings, CancellationToken ct = default)
    {
        var errors = new List<AdminError>();
        if (string.IsNullOrWhiteSpace(login))
        {
            errors.Add(new("login", "validation.required"));
        }
        else if (login.Trim().Length > Sip2Terminal.LoginMaxLength || login.Contains('|', StringComparison.Ordinal))
        {
            errors.Add(new("login", "validation.invalid_format"));
        }

        if (!IsValidPassword(password))
        {
            errors.Add(new("password", "sip2.password_rule"));
        }

        errors.AddRange(await SettingsErrorsAsync(settings, ct));
        if (errors.Count > 0)
        {
            return AdminResult<Guid>.Fail([.. errors]);
        }

        return await RunAsync(async () => (await terminals.CreateAsync(actor, login, password, settings.LibraryId!.Value, settings.Operations,
            settings.Charset, settings.CheckinCapturesHolds, Sip2SortBinRule.ToJson(settings.SortBinRules), ct)).Id);
    }

    public async Task<AdminResult<Guid>> UpdateAsync(Actor actor, Guid terminalId, Sip2TerminalSettings settings, CancellationToken ct = default)
    {
        if (await SettingsErrorsAsync(settings, ct) is { Count: > 0 } errors)
        {
            return AdminResult<Guid>.Fail([.. errors]);
        }

        return await RunAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Actor = actor;
            var terminal = await db.Sip2Terminals.FirstOrDefaultAsync(t => t.Id == terminalId, ct)
                ?? throw new ValidationException("terminal", ValidationError.Required);
            terminal.MoveTo(settings.LibraryId!.Value);
            terminal.Configure(settings.Operations, settings.Charset, settings.CheckinCapturesHolds, Sip2SortBinRule.ToJson(settings.SortBinRules));
            await db.SaveChangesAsync(ct);
            return terminal.Id;
        });
    }

    public async Task<AdminResult<Guid>> ChangePasswordAsync(Actor actor, Guid terminalId, string password, CancellationToken ct = default) =>
        IsValidPassword(password)
            ? await RunAsync(async () =>
            {
                await terminals.ChangePasswordAsync(actor, terminalId, password, ct);
                return terminalId;
            })
            : AdminResult<Guid>.Fail(new AdminError("password", "sip2.password_rule"));

    public Task<AdminResult<Guid>> SetEnabledAsync(Actor actor, Guid terminalId, bool enabled, CancellationToken ct = default) =>
        RunAsync(async () =>
        {
            await terminals.SetEnabledAsync(actor, terminalId, enabled, ct);
            return terminalId;
        });

    /// <summary>A random password a kiosk can be given (letters and digits, no look-alike characters).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        return "Borne-" + System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 12);
    }

    private static bool IsValidPassword(string? password) =>
        password is { Length: >= Sip2Terminal.MinPasswordLength } && !password.Contains('|', StringComparison.Ordinal);

    private async Task<List<AdminError>> SettingsErrorsAsync(Sip2TerminalSettings s, CancellationToken ct)
    {
        var errors = new List<AdminError>();
        if (s.LibraryId is not { } libraryId || !await LibraryExistsAsync(libraryId, ct))
        {
            errors.Add(new("library", "validation.required"));
        }

        if (s.Operations.Count == 0)
        {
            errors.Add(new("operations", "sip2.operations_required"));
        }
        else if (s.Operations.Any(o => !Sip2TerminalVocabulary.Operations.Contains(o)))
        {
            errors.Add(new("operations", "validation.invalid_format"));
        }

        if (!Sip2TerminalVocabulary.Charsets.Contains(s.Charset))
        {
            errors.Add(new("charset", "validation.invalid_format"));
        }

        errors.AddRange(s.SortBinRules.Select((rule, i) => (rule, i)).Where(x => !x.rule.IsValid)
            .Select(x => new AdminError(RuleField(x.i), "sip2.sort_bin_rule")));
        return errors;
    }

    /// <summary>The field name of the <paramref name="index"/>-th sort-bin rule in errors ("rule0", "rule1"…).</summary>
    public static string RuleField(int index) => "rule" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<bool> LibraryExistsAsync(Guid libraryId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Libraries.AnyAsync(l => l.Id == libraryId, ct);
    }

    /// <summary>Runs a change; a taken login (checked first, or caught by the unique index) is reported on the login field.</summary>
    private static async Task<AdminResult<Guid>> RunAsync(Func<Task<Guid>> change)
    {
        var result = await AdminSave.RunAsync(change, duplicateField: "login");
        return result.Errors.Any(e => e.Code == "validation.duplicate")
            ? AdminResult<Guid>.Fail(new AdminError("login", "sip2.login_taken"))
            : result;
    }
}
