using MediaBib.Domain.Audit;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Administration;

public sealed record StaffAccountRow(
    Guid Id, string UserName, string DisplayName, string? Role, Guid? LibraryId, string? LibraryName, bool IsDisabled, DateTime? LockedUntil);

public sealed record NewStaffAccount(string UserName, string DisplayName, string Role, Guid? LibraryId, string Password);

/// <summary>
/// Staff accounts: list, create with a role and a library, disable or enable, reset the password. Identity's
/// <see cref="UserManager{TUser}"/> needs a scoped context, so each operation opens its own DI scope (a Blazor
/// circuit must not hold a context for hours).
/// </summary>
public sealed class StaffAccounts(IServiceScopeFactory scopes, IDbContextFactory<MediaBibDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffAccountRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (
                from u in db.Users.AsNoTracking()
                join l in db.Libraries on u.LibraryId equals l.Id into libraries
                from l in libraries.DefaultIfEmpty()
                orderby u.UserName
                select new
                {
                    u.Id, u.UserName, u.DisplayName, u.LibraryId, LibraryName = l == null ? null : l.Name, u.IsDisabled, u.LockoutEnd,
                    Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
                })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return [.. rows.Select(r => new StaffAccountRow(
            r.Id, r.UserName ?? "", r.DisplayName, r.Role, r.LibraryId, r.LibraryName, r.IsDisabled,
            r.LockoutEnd > now ? r.LockoutEnd.Value.UtcDateTime : null))];
    }

    public async Task<AdminResult<Guid>> CreateAsync(Actor actor, NewStaffAccount input, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.UserName))
        {
            return AdminResult<Guid>.Fail(new AdminError("userName", "validation.required"));
        }

        if (!StaffRoles.All.Contains(input.Role))
        {
            return AdminResult<Guid>.Fail(new AdminError("role", "validation.required"));
        }

        await using var scope = Open(actor, out var users);
        var user = new StaffUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? input.UserName.Trim() : input.DisplayName.Trim(),
            LibraryId = input.LibraryId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, input.Password ?? "");
        if (!created.Succeeded)
        {
            return AdminResult<Guid>.Fail([.. created.Errors.Select(ToAdminError)]);
        }

        var role = await users.AddToRoleAsync(user, input.Role);
        if (!role.Succeeded)
        {
            return AdminResult<Guid>.Fail([.. role.Errors.Select(ToAdminError)]);
        }

        await RecordAsync(scope, AuditAction.Configuration, user, $"Compte {user.UserName} créé ({input.Role})", ct);
        return AdminResult<Guid>.Ok(user.Id);
    }

    /// <summary>
    /// Disables or enables an account. Disabling also renews the security stamp, so cookies already issued stop
    /// working at their next validation.
    /// </summary>
    public async Task<AdminResult<Guid>> SetDisabledAsync(Actor actor, Guid userId, bool disabled, CancellationToken ct = default)
    {
        await using var scope = Open(actor, out var users);
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return AdminResult<Guid>.Fail(new AdminError("user", "validation.required"));
        }

        user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && disabled)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }

        if (!result.Succeeded)
        {
            return AdminResult<Guid>.Fail([.. result.Errors.Select(ToAdminError)]);
        }

        await RecordAsync(scope, disabled ? AuditAction.AccountDisabled : AuditAction.Configuration, user,
            disabled ? $"Compte {user.UserName} désactivé" : $"Compte {user.UserName} réactivé", ct);
        return AdminResult<Guid>.Ok(user.Id);
    }

    /// <summary>Sets a new password chosen by the administrator and clears any lockout.</summary>
    public async Task<AdminResult<Guid>> ResetPasswordAsync(Actor actor, Guid userId, string newPassword, CancellationToken ct = default)
    {
        await using var scope = Open(actor, out var users);
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return AdminResult<Guid>.Fail(new AdminError("user", "validation.required"));
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword ?? "");
        if (!result.Succeeded)
        {
            return AdminResult<Guid>.Fail([.. result.Errors.Select(ToAdminError)]);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await RecordAsync(scope, AuditAction.PasswordReset, user, $"Mot de passe de {user.UserName} réinitialisé", ct);
        return AdminResult<Guid>.Ok(user.Id);
    }

    private AsyncServiceScope Open(Actor actor, out UserManager<StaffUser> users)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MediaBibDbContext>().Actor = actor;
        users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return scope;
    }

    /// <summary>Staff accounts are not domain entities, so the explicit entry carries the account in its details.</summary>
    private static async Task RecordAsync(AsyncServiceScope scope, AuditAction action, StaffUser user, string message, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<MediaBibDbContext>();
        db.RecordAction(action, null, message, details: new { StaffUserId = user.Id, user.UserName });
        await db.SaveChangesAsync(ct);
    }

    private static AdminError ToAdminError(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateUserName) => new AdminError("userName", "validation.duplicate"),
        nameof(IdentityErrorDescriber.InvalidUserName) => new AdminError("userName", "validation.invalid_format"),
        nameof(IdentityErrorDescriber.PasswordTooShort) => new AdminError("password", "password.too_short"),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => new AdminError("password", "password.too_simple"),
        _ => new AdminError("password", "password.refused"),
    };
}
