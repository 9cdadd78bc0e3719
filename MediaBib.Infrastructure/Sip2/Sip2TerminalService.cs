using System.Text.Json;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Sip2;

/// <summary>A terminal account as lists and the worker see it (no password hash).</summary>
public sealed record Sip2TerminalView(
    Guid Id,
    string Login,
    Guid LibraryId,
    string LibraryCode,
    string LibraryName,
    IReadOnlyList<string> AllowedOperations,
    string Charset,
    string SortBinRules,
    bool CheckinCapturesHolds,
    bool IsEnabled);

/// <summary>
/// Manages SIP2 terminal accounts (create, change password, enable/disable, list) and checks a login for the worker.
/// Changes are audited by the SaveChanges interceptor; the clear password is hashed at once and never stored or
/// logged.
/// </summary>
public sealed class Sip2TerminalService(IDbContextFactory<MediaBibDbContext> contexts)
{
    private static readonly PasswordHasher<Sip2Terminal> Hasher = new();

    public async Task<Sip2TerminalView> CreateAsync(
        Actor actor, string login, string password, Guid libraryId, IEnumerable<string> allowedOperations,
        string charset = "utf-8", bool checkinCapturesHolds = true, string sortBinRulesJson = "[]", CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var terminal = new Sip2Terminal(login, libraryId, allowedOperations, charset, checkinCapturesHolds);
        terminal.Configure(terminal.AllowedOperations, charset, checkinCapturesHolds, ValidSortBinRules(sortBinRulesJson));
        terminal.SetPasswordHash(Hash(terminal, password));
        if (await db.Sip2Terminals.AnyAsync(t => t.Login == terminal.Login, ct))
        {
            throw new ValidationException(nameof(Sip2Terminal.Login), ValidationError.Duplicate);
        }

        db.Sip2Terminals.Add(terminal);
        await db.SaveChangesAsync(ct);
        return (await FindAsync(terminal.Login, ct))!;
    }

    public Task ChangePasswordAsync(Actor actor, Guid terminalId, string password, CancellationToken ct = default) =>
        ChangeAsync(actor, terminalId, ct, (db, t) =>
        {
            t.SetPasswordHash(Hash(t, password));
            db.RecordAction(AuditAction.PasswordReset, t);
        });

    public Task SetEnabledAsync(Actor actor, Guid terminalId, bool enabled, CancellationToken ct = default) =>
        ChangeAsync(actor, terminalId, ct, (db, t) =>
        {
            if (enabled)
            {
                t.Enable();
            }
            else
            {
                t.Disable();
                db.RecordAction(AuditAction.AccountDisabled, t);
            }
        });

    public Task ConfigureAsync(
        Actor actor, Guid terminalId, IEnumerable<string> allowedOperations, string charset, bool checkinCapturesHolds, string sortBinRulesJson,
        CancellationToken ct = default) =>
        ChangeAsync(actor, terminalId, ct, (_, t) => t.Configure(allowedOperations, charset, checkinCapturesHolds, ValidSortBinRules(sortBinRulesJson)));

    public async Task<IReadOnlyList<Sip2TerminalView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return [.. (await Rows(db.Sip2Terminals.AsNoTracking(), db).ToListAsync(ct)).Select(View).OrderBy(v => v.Login, StringComparer.Ordinal)];
    }

    public async Task<Sip2TerminalView?> FindAsync(string login, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await FindInAsync(db, db.Sip2Terminals.Where(t => t.Login == login), ct);
    }

    /// <summary>
    /// Checks a 93 login against the database (read fresh each time): null when the login is unknown, the account
    /// disabled or the password wrong.
    /// </summary>
    public async Task<Sip2TerminalView?> AuthenticateAsync(string login, string password, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var terminal = await db.Sip2Terminals.AsNoTracking().FirstOrDefaultAsync(t => t.Login == login && t.IsEnabled, ct);
        if (terminal is null
            || Hasher.VerifyHashedPassword(terminal, terminal.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        return await FindInAsync(db, db.Sip2Terminals.Where(t => t.Id == terminal.Id), ct);
    }

    private async Task ChangeAsync(Actor actor, Guid terminalId, CancellationToken ct, Action<MediaBibDbContext, Sip2Terminal> change)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = actor;
        var terminal = await db.Sip2Terminals.FirstOrDefaultAsync(t => t.Id == terminalId, ct)
            ?? throw new KeyNotFoundException($"SIP2 terminal {terminalId} not found.");
        change(db, terminal);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Sip2TerminalView?> FindInAsync(MediaBibDbContext db, IQueryable<Sip2Terminal> terminals, CancellationToken ct) =>
        await Rows(terminals.AsNoTracking(), db).FirstOrDefaultAsync(ct) is { } row ? View(row) : null;

    private static IQueryable<TerminalRow> Rows(IQueryable<Sip2Terminal> terminals, MediaBibDbContext db) =>
        terminals.Join(db.Libraries, t => t.LibraryId, l => l.Id, (t, l) => new TerminalRow { Terminal = t, Library = l });

    private static Sip2TerminalView View(TerminalRow row)
    {
        var (t, l) = (row.Terminal, row.Library);
        return new Sip2TerminalView(t.Id, t.Login, t.LibraryId, l.Code.Value, l.Name, t.AllowedOperations, t.Charset, t.SortBinRules,
            t.CheckinCapturesHolds, t.IsEnabled);
    }

    private sealed class TerminalRow
    {
        public required Sip2Terminal Terminal { get; init; }

        public required Library Library { get; init; }
    }

    private static string Hash(Sip2Terminal terminal, string password) =>
        password is { Length: >= Sip2Terminal.MinPasswordLength } && !password.Contains('|', StringComparison.Ordinal)
            ? Hasher.HashPassword(terminal, password)
            : throw new ValidationException("Password", ValidationError.OutOfRange);

    private static string ValidSortBinRules(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "[]";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? json
                : throw new ValidationException(nameof(Sip2Terminal.SortBinRules), ValidationError.InvalidFormat);
        }
        catch (JsonException)
        {
            throw new ValidationException(nameof(Sip2Terminal.SortBinRules), ValidationError.InvalidFormat);
        }
    }
}
