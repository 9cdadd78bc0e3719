using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Audit;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Administration;

public sealed class CirculationRuleAdminTests(TestDatabase database)
{
    private static readonly Actor Admin = new(ActorKind.Staff, "admin-regles", Guid.CreateVersion7());

    [Fact]
    public async Task Effective_TwoRulesOfDifferentSpecificity_EachValueNamesTheRuleItComesFrom()
    {
        var ct = TestContext.Current.CancellationToken;
        var (library, category, type) = await AxesAsync(ct);
        var admin = new CirculationRuleAdmin(database.Factory);

        var broad = await admin.SaveAsync(Admin, null, library.Id, null, null, new Dictionary<string, string?> { ["LoanPeriod"] = "14", ["FinePerDay"] = "0,20" }, ct);
        var narrow = await admin.SaveAsync(Admin, null, library.Id, null, type.Id, new Dictionary<string, string?> { ["MaxLoans"] = "3", ["LoanPeriod"] = "7" }, ct);
        var effective = (await admin.EffectiveAsync(library.Id, category.Id, type.Id, ct)).ToDictionary(v => v.Field);
        var otherType = (await admin.EffectiveAsync(library.Id, category.Id, null, ct)).ToDictionary(v => v.Field);

        Assert.True(broad.Succeeded && narrow.Succeeded);
        Assert.Equal(("7", narrow.Value), (effective["LoanPeriod"].Value, effective["LoanPeriod"].RuleId));
        Assert.Equal(("3", narrow.Value), (effective["MaxLoans"].Value, effective["MaxLoans"].RuleId));
        Assert.Equal(("0.20", broad.Value), (effective["FinePerDay"].Value, effective["FinePerDay"].RuleId));
        Assert.Equal(("14", broad.Value), (otherType["LoanPeriod"].Value, otherType["LoanPeriod"].RuleId));
        Assert.NotEqual(narrow.Value, otherType["MaxLoans"].RuleId);
    }

    [Fact]
    public async Task Save_SameAxesTwiceOrUnreadableValue_IsAFieldError()
    {
        var ct = TestContext.Current.CancellationToken;
        var (library, category, _) = await AxesAsync(ct);
        var admin = new CirculationRuleAdmin(database.Factory);

        var first = await admin.SaveAsync(Admin, null, library.Id, category.Id, null, new Dictionary<string, string?> { ["MaxHolds"] = "2" }, ct);
        var twice = await admin.SaveAsync(Admin, null, library.Id, category.Id, null, new Dictionary<string, string?> { ["MaxHolds"] = "4" }, ct);
        var garbage = await admin.SaveAsync(Admin, first.Value, null, null, null, new Dictionary<string, string?> { ["GraceDays"] = "deux" }, ct);

        Assert.True(first.Succeeded);
        Assert.Equal("axes", Assert.Single(twice.Errors).Field);
        Assert.Equal(new AdminError("GraceDays", "validation.invalid_format"), Assert.Single(garbage.Errors));
    }

    [Fact]
    public async Task SaveAndDelete_AreAuditedAsConfiguration()
    {
        var ct = TestContext.Current.CancellationToken;
        var (library, _, _) = await AxesAsync(ct);
        var admin = new CirculationRuleAdmin(database.Factory);

        var saved = await admin.SaveAsync(Admin, null, library.Id, null, null, new Dictionary<string, string?> { ["HoldsAllowed"] = "false" }, ct);
        await admin.DeleteAsync(Admin, saved.Value, ct);

        await using var db = database.CreateContext();
        var actions = await db.AuditEntries.Where(a => a.ObjectId == saved.Value).Select(a => a.Action).ToListAsync(ct);
        Assert.Equal(2, actions.Count(a => a == "configuration"));
        Assert.Contains("delete", actions);
        Assert.DoesNotContain(await admin.ListAsync(ct), r => r.Id == saved.Value);
    }

    private async Task<(Library Library, PatronCategory Category, ItemType Type)> AxesAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var library = new Library(LibraryCode.From(Unique.Code("R")), "Bibliothèque des règles");
        var category = new PatronCategory(Unique.Code("C"), "Adulte");
        var type = new ItemType(Unique.Code("T"), "DVD");
        db.AddRange(library, category, type);
        await db.SaveChangesAsync(ct);
        return (library, category, type);
    }
}
