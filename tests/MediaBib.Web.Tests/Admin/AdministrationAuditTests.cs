using MediaBib.Domain.Audit;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Admin;

/// <summary>Administration changes are refused field by field and audited with the acting member of staff.</summary>
public sealed class AdministrationAuditTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LibraryAdmin Libraries => app.Services.GetRequiredService<LibraryAdmin>();

    private AuditLogQueries Audit => app.Services.GetRequiredService<AuditLogQueries>();

    private static Actor Admin(string name) => new(ActorKind.Staff, name, Guid.CreateVersion7(), null, "127.0.0.9", "test-agent", "req-" + name);

    private static LibraryInput Input(string code, string name = "Médiathèque Élise-Reclus") =>
        new(code, name, "FR-1234", "1 rue des Lilas", "44000", "Nantes", "02 40 00 00 00", "contact@example.org");

    [Fact]
    public async Task CreateLibrary_WritesCreateAndConfigurationEntriesNamingTheActor()
    {
        var actor = Admin(Unique.Code("adm"));

        var created = await Libraries.CreateAsync(actor, Input(Unique.Code("L")), Ct);

        Assert.True(created.Succeeded);
        var history = await Audit.HistoryAsync(nameof(Library), created.Value, ct: Ct);
        Assert.Contains(history.Rows, r => r.Action == "create");
        var configuration = Assert.Single(history.Rows, r => r.Action == "configuration");
        Assert.Equal(actor.Name, configuration.Actor);
        Assert.Equal(AuditSeverity.Critical, configuration.Severity);
        Assert.Equal("127.0.0.9", configuration.Ip);
    }

    [Fact]
    public async Task CreateLibrary_DuplicateCode_IsRefusedOnTheCodeField()
    {
        var code = Unique.Code("L");
        Assert.True((await Libraries.CreateAsync(Admin("a"), Input(code), Ct)).Succeeded);

        var second = await Libraries.CreateAsync(Admin("a"), Input(code.ToLowerInvariant(), "Autre"), Ct);

        var error = Assert.Single(second.Errors);
        Assert.Equal(new AdminError("code", "validation.duplicate"), error);
    }

    [Fact]
    public async Task CreateLibrary_EmptyName_IsRefusedOnTheNameField()
    {
        var result = await Libraries.CreateAsync(Admin("a"), Input(Unique.Code("L"), "  "), Ct);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Name", error.Field);
        Assert.Equal("validation.required", error.Code);
    }

    [Fact]
    public async Task AddClosedDayAndSections_AreSavedAndAudited()
    {
        var actor = Admin(Unique.Code("cal"));
        var id = (await Libraries.CreateAsync(actor, Input(Unique.Code("L")), Ct)).Value;

        var closed = await Libraries.AddClosedDayAsync(actor, id, new DateOnly(2026, 12, 25), "Noël", Ct);
        var again = await Libraries.AddClosedDayAsync(actor, id, new DateOnly(2026, 12, 25), "Noël", Ct);
        var section = await Libraries.AddSectionAsync(actor, id, "jeu", "Jeunesse", Ct);
        var library = await Libraries.GetAsync(id, Ct);
        var shelf = await Libraries.AddShelfAsync(actor, id, library!.Sections.Single().Id, "bd", "Bandes dessinées", Ct);
        var hours = await Libraries.SetOpeningHoursAsync(actor, id,
            [new OpeningHours(DayOfWeek.Friday, new TimeOnly(10, 0), new TimeOnly(18, 0))], Ct);

        Assert.True(closed.Succeeded && section.Succeeded && shelf.Succeeded && hours.Succeeded);
        Assert.Equal(new AdminError("date", "validation.duplicate"), Assert.Single(again.Errors));
        library = await Libraries.GetAsync(id, Ct);
        Assert.Equal("Noël", Assert.Single(library!.ClosedDays).Reason);
        Assert.Equal("BD", Assert.Single(Assert.Single(library.Sections).Shelves).Code);
        Assert.False(library.Calendar.IsOpen(new DateOnly(2026, 12, 25)));
        Assert.True(library.Calendar.IsOpen(new DateOnly(2027, 1, 1)));
        var entries = await Audit.SearchAsync(new AuditFilter { Actor = actor.Name, Action = "configuration" }, 0, 50, Ct);
        Assert.Contains(entries.Rows, r => r.Message!.Contains("2026-12-25", StringComparison.Ordinal));
        Assert.Equal(5, entries.Total);
    }

    [Fact]
    public async Task ItemTypeAndPatronCategory_DuplicateCodes_AreRefused()
    {
        var types = app.Services.GetRequiredService<ItemTypeAdmin>();
        var categories = app.Services.GetRequiredService<PatronCategoryAdmin>();
        var code = Unique.Code("C");
        var category = new PatronCategoryInput(code, "Adulte", 21, 10, 5, 0.20m, 12, 15m, 18, null);

        Assert.True((await types.SaveAsync(Admin("a"), null, code, "Livre", false, Ct)).Succeeded);
        Assert.True((await categories.SaveAsync(Admin("a"), null, category, Ct)).Succeeded);
        var typeAgain = await types.SaveAsync(Admin("a"), null, code, "Livre bis", false, Ct);
        var categoryAgain = await categories.SaveAsync(Admin("a"), null, category with { Label = "Autre" }, Ct);
        var badLoanDays = await categories.SaveAsync(Admin("a"), null, category with { Code = Unique.Code("C"), LoanDays = 0 }, Ct);

        Assert.Equal(new AdminError("code", "validation.duplicate"), Assert.Single(typeAgain.Errors));
        Assert.Equal(new AdminError("code", "validation.duplicate"), Assert.Single(categoryAgain.Errors));
        Assert.Equal(new AdminError("LoanDays", "validation.out_of_range"), Assert.Single(badLoanDays.Errors));
    }

    [Fact]
    public async Task StaffAccounts_CreateShortPasswordResetAndDisable_AreCheckedAndAudited()
    {
        var accounts = app.Services.GetRequiredService<StaffAccounts>();
        var actor = Admin(Unique.Code("usr"));
        var userName = Unique.Code("u").ToLowerInvariant();

        var tooShort = await accounts.CreateAsync(actor, new NewStaffAccount(userName, "Jeanne", StaffRoles.Circulation, null, "court"), Ct);
        var created = await accounts.CreateAsync(actor, new NewStaffAccount(userName, "Jeanne", StaffRoles.Circulation, null, "un mot de passe long"), Ct);
        var duplicate = await accounts.CreateAsync(actor, new NewStaffAccount(userName, "Jeanne 2", StaffRoles.Admin, null, "un mot de passe long"), Ct);
        var reset = await accounts.ResetPasswordAsync(actor, created.Value, "un autre mot de passe", Ct);
        var disabled = await accounts.SetDisabledAsync(actor, created.Value, true, Ct);

        Assert.Contains(new AdminError("password", "password.too_short"), tooShort.Errors);
        Assert.True(created.Succeeded && reset.Succeeded && disabled.Succeeded);
        Assert.Contains(new AdminError("userName", "validation.duplicate"), duplicate.Errors);
        var row = Assert.Single(await accounts.ListAsync(Ct), r => r.Id == created.Value);
        Assert.True(row.IsDisabled);
        Assert.Equal(StaffRoles.Circulation, row.Role);
        var entries = (await Audit.SearchAsync(new AuditFilter { Actor = actor.Name }, 0, 50, Ct)).Rows;
        Assert.Contains(entries, r => r.Action == "password_reset");
        Assert.Contains(entries, r => r.Action == "account_disabled");
        Assert.Contains(entries, r => r.Action == "create" && r.ObjectType == "StaffUser" && r.ObjectId == created.Value);
        Assert.DoesNotContain(entries, r => (r.After ?? "").Contains("PasswordHash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditSearch_PagesNewestFirst()
    {
        var actor = Admin(Unique.Code("pg"));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Libraries.CreateAsync(actor, Input(Unique.Code("L"), $"Page {i}"), Ct)).Value);
        }

        var filter = new AuditFilter { Actor = actor.Name, Action = "create", ObjectType = nameof(Library) };
        var first = await Audit.SearchAsync(filter, 0, 2, Ct);
        var second = await Audit.SearchAsync(filter, 1, 2, Ct);

        Assert.Equal(3, first.Total);
        Assert.Equal([ids[2], ids[1]], first.Rows.Select(r => r.ObjectId!.Value));
        Assert.Equal(ids[0], Assert.Single(second.Rows).ObjectId);
    }
}
