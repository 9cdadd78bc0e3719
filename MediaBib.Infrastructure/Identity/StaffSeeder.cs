using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Infrastructure.Identity;

/// <summary>A staff account the seed (or a test) wants to exist.</summary>
public sealed record StaffAccountSeed(string UserName, string DisplayName, string Role, string Password, Guid? LibraryId);

/// <summary>
/// Creates the three staff roles and the given accounts when they are missing. Running it again changes nothing:
/// an existing account keeps its password and gains its role if it lacked it.
/// </summary>
public sealed class StaffSeeder(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<MediaBibDbContext>().Actor = Actor.System;
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<StaffRole>>();
        foreach (var role in StaffRoles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new StaffRole(role)), role);
            }
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
