using System.Globalization;
using System.Security.Claims;
using Bunit;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Identity;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Web.Components.Admin;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Desk;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Admin;

/// <summary>The overdue levels page and the rules of <see cref="NoticeAdmin"/> behind it, on the real database.</summary>
public sealed class OverdueLevelsPageTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly WebAppFixture _app;

    public OverdueLevelsPageTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<NoticeAdmin>());
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveLevel_FourLevelsWithLostOnTheLast_ListedInFrenchAndLostRefusedBelowAnotherLevel()
    {
        // Arrange
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        var admin = _app.Services.GetRequiredService<NoticeAdmin>();
        var actor = new Actor(ActorKind.Staff, "levels-test");
        for (var level = 1; level <= 3; level++)
        {
            Assert.True((await admin.SaveLevelAsync(actor, null, new OverdueLevelInput(data.Library.Id, data.Category.Id, level, level * 10,
                [NoticeChannel.Email, NoticeChannel.Letter], $"overdue-{level}", level == 2 ? OverdueAction.BlockCard : OverdueAction.None), Ct)).Succeeded);
        }

        // Act: "mark lost" on level 2 (level 3 exists) is refused; on a new last level 4 it is accepted.
        var refused = await admin.SaveLevelAsync(actor, null, new OverdueLevelInput(data.Library.Id, null, 1, 5, [NoticeChannel.Sms], "overdue-1", OverdueAction.None), Ct);
        var lostBelow = (await admin.ListLevelsAsync(Ct)).Single(r => r.Values.LibraryId == data.Library.Id && r.Values.Level == 2);
        var wrong = await admin.SaveLevelAsync(actor, lostBelow.Id, lostBelow.Values with { Action = OverdueAction.MarkLostAndCharge }, Ct);
        var last = await admin.SaveLevelAsync(actor, null, new OverdueLevelInput(data.Library.Id, data.Category.Id, 4, 60,
            [NoticeChannel.Letter], "overdue-3", OverdueAction.MarkLostAndCharge), Ct);
        SignIn(data);
        var page = Render<OverdueLevels>();

        // Assert
        Assert.True(refused.Succeeded);
        Assert.Equal("action", Assert.Single(wrong.Errors).Field);
        Assert.True(last.Succeeded);
        page.WaitForAssertion(() =>
        {
            var table = page.Find("[data-testid=overdue-levels]").TextContent;
            Assert.Contains("J+60", table, StringComparison.Ordinal);
            Assert.Contains("Déclarer perdu et facturer", table, StringComparison.Ordinal);
            Assert.Contains("Bloquer la carte", table, StringComparison.Ordinal);
            Assert.Contains("Courriel → Courrier", table, StringComparison.Ordinal);
            Assert.Contains("Toutes les catégories", table, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task SaveReminderSettings_TwiceForOneLibraryAndCategory_KeepsOneRowWithTheLastValues()
    {
        var data = await DeskTestData.CreateAsync(_app.Database, items: 0);
        var admin = _app.Services.GetRequiredService<NoticeAdmin>();
        var actor = new Actor(ActorKind.Staff, "reminders-test");

        await admin.SaveReminderSettingsAsync(actor, new ReminderSettingsInput(data.Library.Id, data.Category.Id, 3, 30, [NoticeChannel.Email]), Ct);
        var second = await admin.SaveReminderSettingsAsync(actor, new ReminderSettingsInput(data.Library.Id, data.Category.Id, 5, null, [NoticeChannel.Sms, NoticeChannel.Email]), Ct);

        Assert.True(second.Succeeded);
        var row = Assert.Single(await admin.ListReminderSettingsAsync(Ct), r => r.Values.LibraryId == data.Library.Id);
        Assert.Equal((5, (int?)null), (row.Values.CourtesyDaysBefore, row.Values.CardExpiryDaysBefore));
        Assert.Equal([NoticeChannel.Sms, NoticeChannel.Email], row.Values.Channels);
    }

    private void SignIn(DeskTestData data)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("admin-levels");
        auth.SetRoles(StaffRoles.Admin);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Admin).Select(p => p.PolicyName())]);
        auth.SetClaims(new Claim(StaffClaims.WorksAt, data.Library.Id.ToString("D", CultureInfo.InvariantCulture)));
    }
}
