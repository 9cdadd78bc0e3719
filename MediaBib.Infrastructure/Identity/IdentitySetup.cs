using MediaBib.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaBib.Infrastructure.Identity;

public static class IdentitySetup
{
    /// <summary>Minimum staff password length (the specification: at least 12 characters).</summary>
    public const int MinPasswordLength = 12;

    /// <summary>
    /// Staff identity on the MediaBib database: EF stores, the sign-in manager that refuses disabled accounts,
    /// password and lockout rules. Identity's stores need a scoped context; it comes from the context factory, so it
    /// carries the same interceptors (a change to an account is audited like any other change). Use it only inside
    /// a short scope (an HTTP request, or a scope created per operation), never for a whole Blazor circuit.
    /// </summary>
    public static IdentityBuilder AddStaffIdentity(this IServiceCollection services)
    {
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<MediaBibDbContext>>().CreateDbContext());
        services.AddHttpContextAccessor();
        var builder = services.AddIdentityCore<StaffUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): 12 characters, no forced character classes.
                o.Password.RequiredLength = MinPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(30);
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<StaffRole>()
            .AddEntityFrameworkStores<MediaBibDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddSingleton<StaffSeeder>();
        return builder;
    }
}
