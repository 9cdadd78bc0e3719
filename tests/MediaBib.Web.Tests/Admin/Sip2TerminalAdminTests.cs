using MediaBib.Domain.Common;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Sip2;
using MediaBib.Testing;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MediaBib.Web.Tests.Admin;

/// <summary>The service behind the SIP2 terminals page: field errors, audit entries, the settings the worker reads.</summary>
public sealed class Sip2TerminalAdminTests(WebAppFixture app)
{
    private static readonly Actor Administrator = new(ActorKind.Staff, "admin-bornes", Guid.CreateVersion7());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Sip2TerminalAdmin Admin => app.Services.GetRequiredService<Sip2TerminalAdmin>();

    private async Task<Library> LibraryAsync()
    {
        var library = new Library(LibraryCode.From(Unique.Code("L")), "Médiathèque des bornes");
        await using var db = app.Database.CreateContext();
        db.Libraries.Add(library);
        await db.SaveChangesAsync(Ct);
        return library;
    }

    private static Sip2TerminalSettings Settings(Guid? library, params Sip2SortBinRule[] rules) =>
        new(library, ["Checkin", "ItemInformation"], "ibm850", false, rules);

    [Fact]
    public async Task Create_WritesAnAuditEntryNamingTheAdministrator_AndStoresTheSettings()
    {
        var library = await LibraryAsync();
        var login = Unique.Code("trieur");

        var created = await Admin.CreateAsync(Administrator, login, "Trieur-Secret-1", Settings(library.Id, new Sip2SortBinRule("AlertType", "Equal", "01", "R")), Ct);

        Assert.True(created.Succeeded);
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.ObjectId == created.Value).ToListAsync(Ct);
        var entry = Assert.Single(audit, a => a.Action == "create");
        Assert.Equal(Administrator.Name, entry.Actor);
        Assert.All(audit, a => Assert.DoesNotContain("Trieur-Secret-1", a.Before + a.After + a.Message, StringComparison.Ordinal));
        var row = Assert.Single(await Admin.ListAsync(Ct), r => r.Id == created.Value);
        Assert.Equal(["Checkin", "ItemInformation"], row.Operations);
        Assert.Equal("ibm850", row.Charset);
        Assert.False(row.CheckinCapturesHolds);
        Assert.Equal([new Sip2SortBinRule("AlertType", "Equal", "01", "R")], row.SortBinRules);
    }

    [Fact]
    public async Task Create_InvalidInput_IsRefusedFieldByField()
    {
        var taken = await LibraryAsync();
        var login = Unique.Code("borne");
        Assert.True((await Admin.CreateAsync(Administrator, login, "Borne-Secret-1", Settings(taken.Id), Ct)).Succeeded);

        var empty = await Admin.CreateAsync(Administrator, " ", "court", new(null, [], "ebcdic", true, [new("AlertType", "Equal", "", "")]), Ct);
        var duplicate = await Admin.CreateAsync(Administrator, login, "Borne-Secret-2", Settings(taken.Id), Ct);

        Assert.Equal(
            [new("login", "validation.required"), new("password", "sip2.password_rule"), new("library", "validation.required"),
             new("operations", "sip2.operations_required"), new("charset", "validation.invalid_format"), new("rule0", "sip2.sort_bin_rule")],
            empty.Errors);
        Assert.Equal([new AdminError("login", "sip2.login_taken")], duplicate.Errors);
    }

    [Fact]
    public async Task UpdatePasswordAndDisable_AreAuditedAndChangeWhatTheWorkerReads()
    {
        var first = await LibraryAsync();
        var second = await LibraryAsync();
        var login = Unique.Code("borne");
        var id = (await Admin.CreateAsync(Administrator, login, "Borne-Secret-1", Settings(first.Id), Ct)).Value;

        var updated = await Admin.UpdateAsync(Administrator, id, new(second.Id, ["Checkout"], "utf-8", true, [new("Always", "Equal", "", "Z")]), Ct);
        var password = await Admin.ChangePasswordAsync(Administrator, id, "Borne-Secret-2", Ct);
        var disabled = await Admin.SetEnabledAsync(Administrator, id, false, Ct);

        Assert.True(updated.Succeeded && password.Succeeded && disabled.Succeeded);
        var terminals = app.Services.GetRequiredService<Sip2TerminalService>();
        var view = (await terminals.FindAsync(login, Ct))!;
        Assert.Equal(second.Code.Value, view.LibraryCode);
        Assert.Equal(["Checkout"], view.AllowedOperations);
        Assert.True(view.CheckinCapturesHolds);
        Assert.False(view.IsEnabled);
        Assert.Null(await terminals.AuthenticateAsync(login, "Borne-Secret-2", Ct));
        await using var db = app.Database.CreateContext();
        var actions = await db.AuditEntries.Where(a => a.ObjectId == id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("update", actions);
        Assert.Contains("password_reset", actions);
        Assert.Contains("account_disabled", actions);
    }
}
