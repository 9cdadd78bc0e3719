using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaBib.Web.Tests.Security;

/// <summary>Open circuits lose a user whose account was disabled.</summary>
public sealed class CircuitRevalidationTests(WebAppFixture app)
{
    [Fact]
    public void Circuits_UseTheRevalidatingProvider()
    {
        using var scope = app.Services.CreateScope();

        var provider = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();

        Assert.IsType<StaffRevalidatingAuthenticationStateProvider>(provider);
    }

    [Fact]
    public async Task IsValid_AfterAccountDisabled_IsFalse()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Circulation);
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<StaffSignInManager>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var stampClaim = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var principal = await signIn.CreateUserPrincipalAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        Assert.True(await StaffRevalidatingAuthenticationStateProvider.IsValidAsync(users, principal, stampClaim));

        await app.Services.GetRequiredService<StaffAccounts>()
            .SetDisabledAsync(new Actor(ActorKind.Staff, "test-admin"), user.Id, disabled: true, TestContext.Current.CancellationToken);

        await using var fresh = app.Services.CreateAsyncScope();
        var freshUsers = fresh.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.False(await StaffRevalidatingAuthenticationStateProvider.IsValidAsync(freshUsers, principal, stampClaim));
    }
}
