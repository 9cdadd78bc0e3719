using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MediaBib.Infrastructure.Identity;

/// <summary>A staff account the seed (or a test) wants to exist.</summary>
public sealed record StaffAccountSeed(string UserName, string DisplayName, string Role, string Password, Guid? LibraryId);

/// <summary>
/// Creates the three staff roles and the given accounts when they are missing. Running it again changes nothing:
/// an existing account keeps its password and gains its role if it lacked it.
/// </summary>
public sealed class StaffSeeder(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly SemaphoreSlim _roles = new(1, 1);

    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        await _roles.WaitAsync(cancellationToken);
        try
        {
            foreach (var role in StaffRoles.All)
            {
                await EnsureRoleAsync(role);
            }
        }
        finally
        {
            _roles.Release();
        }
    }

    /// <summary>One scope per role: another node may create the same role at the same time (unique index).</summary>
    private async Task EnsureRoleAsync(string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MediaBibDbContext>().Actor = Actor.System;
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<StaffRole>>();
        if (await roles.RoleExistsAsync(role))
        {
            return;
        }

        try
        {
            Check(await roles.CreateAsync(new StaffRole(role)), role);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Created concurrently by another process: the role exists, which is what we want.
        }
    }

    public async Task<StaffUser> EnsureAccountAsync(StaffAccountSeed seed, CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MediaBibDbContext>().Actor = Actor.System;
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync(seed.UserName);
        if (user is null)
        {
            user = new StaffUser
            {
                UserName = seed.UserName,
                DisplayName = seed.DisplayName,
                LibraryId = seed.LibraryId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            Check(await users.CreateAsync(user, seed.Password), seed.UserName);
        }

        if (!await users.IsInRoleAsync(user, seed.Role))
        {
            Check(await users.AddToRoleAsync(user, seed.Role), seed.UserName);
        }

        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Cannot seed staff account or role '{what}': {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
