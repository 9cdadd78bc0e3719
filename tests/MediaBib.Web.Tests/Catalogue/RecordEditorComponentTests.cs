using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Editing;
using MediaBib.Infrastructure.Identity;
using MediaBib.Testing;
using MediaBib.Web.Components.Catalogue.Editor;
using MediaBib.Web.Security;
using MediaBib.Web.Tests.Components;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MediaBib.Web.Tests.Catalogue;

/// <summary>
/// The cataloguer's editor rendered by bUnit: the MARC view validating as the cataloguer types, adding and moving
/// subfields, the form and MARC views editing the same record, and the lock banner, over the real services and database.
/// </summary>
public sealed class RecordEditorComponentTests : BunitTestContext
{
    private readonly WebAppFixture _app;
    private readonly Guid _userId = Guid.CreateVersion7();

    public RecordEditorComponentTests(WebAppFixture app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<RecordEditor>());
        Services.AddSingleton(app.Services.GetRequiredService<RecordLocks>());
        Services.AddSingleton(app.Services.GetRequiredService<RecordRemoval>());
        Services.AddSingleton(app.Services.GetRequiredService<RecordItems>());
        Services.AddSingleton(app.Services.GetRequiredService<Authorities>());
        Services.AddSingleton(new EditorDrafts(new MemoryCache(new MemoryCacheOptions())));
        Services.AddScoped<CircuitOrigin>();
        Services.AddScoped<CurrentStaff>();
        var auth = AddAuthorization();
        auth.SetAuthorized("catalogueur-editeur");
        auth.SetRoles(StaffRoles.Cataloguer);
        auth.SetPolicies([.. RolePermissions.Of(StaffRoles.Cataloguer).Select(p => p.PolicyName())]);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, _userId.ToString()), new Claim(StaffClaims.DisplayName, "Chloé Catalogueuse"));
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static MarcDraft Valid(string title = "Les Misérables") => new(MarcFlavour.Unimarc, MarcDraft.UnimarcNewLeader,
    [
        DraftField.Of("101", '0', ' ', ('a', "fre")),
        DraftField.Of("200", '1', ' ', ('a', title), ('f', "Victor Hugo")),
        DraftField.Of("210", ' ', ' ', ('a', "Paris"), ('c', "Gallimard"), ('d', "1995")),
        DraftField.Of("700", ' ', '1', ('a', "Hugo"), ('b', "Victor"), ('4', "070")),
    ]);

    private static IElement Field(IRenderedComponent<MarcEditor> editor, string tag) => editor.Find($"[data-testid=field][data-tag='{tag}']");

    private static IElement Value(IElement field, char code) => field.QuerySelector($"[data-testid=subfield][data-code='{code}'] [data-testid=value]")!;

    [Fact]
    public async Task MarcView_TypingTheTagOfASecondTitleField_ShowsNonRepeatableUnderIt()
    {
        var draft = Valid();
        IReadOnlyList<MarcIssue>? reported = null;
        var editor = Render<MarcEditor>(p => p.Add(x => x.Draft, draft).Add(x => x.Changed, issues => reported = issues));
        Assert.Empty(editor.FindAll(".marc-issue-error"));

        await editor.InvokeAsync(() => editor.Find("[data-testid=add-field]").Click());
        var added = editor.FindAll("[data-testid=field]")[^1];
        await editor.InvokeAsync(() => added.QuerySelector("[data-testid=tag]")!.Input("200"));

        var second = editor.FindAll("[data-testid=field][data-tag='200']")[1];
        Assert.Contains("Zone 200 : non répétable, elle ne doit apparaître qu'une fois.", second.TextContent, StringComparison.Ordinal);
        Assert.Contains("marc-error", second.ClassList);
        Assert.Equal("Titre et mention de responsabilité", second.QuerySelector("[data-testid=field-label]")!.TextContent);
        Assert.DoesNotContain("non répétable", editor.FindAll("[data-testid=field][data-tag='200']")[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(reported!, i => i.Kind == MarcIssueKind.FieldNotRepeatable && i.Tag == "200");
    }

    [Fact]
    public async Task MarcView_EmptyingTheTitle_ShowsMandatory200a_AndTypingItBackClearsIt()
    {
        var editor = Render<MarcEditor>(p => p.Add(x => x.Draft, Valid()));

        await editor.InvokeAsync(() => Value(Field(editor, "200"), 'a').Input(""));

        Assert.Contains("Zone 200 : la sous-zone $a est obligatoire.", Field(editor, "200").TextContent, StringComparison.Ordinal);

        await editor.InvokeAsync(() => Value(Field(editor, "200"), 'a').Input("Notre-Dame de Paris"));

        Assert.DoesNotContain("obligatoire", Field(editor, "200").TextContent, StringComparison.Ordinal);
        Assert.Empty(editor.FindAll(".marc-issue-error"));
    }

    [Fact]
    public async Task MarcView_RemovingTheTitleField_ShowsTheMissingMandatoryFieldAtTheTop()
    {
        var editor = Render<MarcEditor>(p => p.Add(x => x.Draft, Valid()));

        await editor.InvokeAsync(() => Field(editor, "200").QuerySelector("[data-testid=remove-field]")!.Click());

        Assert.Contains("Zone 200 (Titre et mention de responsabilité) obligatoire : absente.",
            editor.Find("[data-testid=record-issues]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarcView_AddSubfieldThenMoveItUp_ChangesTheOrderInTheDraft()
    {
        var draft = Valid();
        var editor = Render<MarcEditor>(p => p.Add(x => x.Draft, draft));

        // The button adds the first code of the field's definition not used yet ($b after $a and $f).
        await editor.InvokeAsync(() => Field(editor, "200").QuerySelector("[data-testid=add-subfield]")!.Click());
        await editor.InvokeAsync(() => Value(Field(editor, "200"), 'b').Input("Texte imprimé"));
        await editor.InvokeAsync(() => Field(editor, "200").QuerySelector("[data-testid=subfield][data-code='b'] [data-testid=subfield-up]")!.Click());
        // Enter in $a's value adds a subfield right after it ($c, the next unused code).
        await editor.InvokeAsync(() => Value(Field(editor, "200"), 'a').KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" }));

        var title = draft.Fields.Single(f => f.Tag == "200");
        Assert.Equal("acbf", new string([.. title.Subfields.Select(s => s.Code)]));
        Assert.Equal("Texte imprimé", title.First('b'));
        Assert.Equal(["a", "c", "b", "f"], Field(editor, "200").QuerySelectorAll("[data-testid=subfield]").Select(s => s.GetAttribute("data-code")!));
        Assert.Equal("Titre propre d'un auteur différent", Field(editor, "200").QuerySelector("[data-testid=subfield][data-code='c'] [data-testid=value]")!.GetAttribute("title")![7..]);
    }

    [Fact]
    public async Task Page_FormAndMarcViews_EditTheSameRecord()
    {
        var page = Render<RecordEditorPage>();
        Assert.Contains("Nouvelle notice", page.Find("h1").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => FormField(page, "Titre").Find("input").Input("Le Petit Prince"));
        await page.InvokeAsync(() => FormField(page, "Éditeur").Find("input").Input("Gallimard"));
        await page.InvokeAsync(() => page.Find("[data-testid=view-marc]").Click());

        var marc = page.FindComponent<MarcEditor>();
        Assert.Equal("Le Petit Prince", Value(Field(marc, "200"), 'a').GetAttribute("value"));
        Assert.Equal("Gallimard", Value(Field(marc, "210"), 'c').GetAttribute("value"));

        await page.InvokeAsync(() => Value(Field(marc, "210"), 'd').Input("1943"));
        await page.InvokeAsync(() => Value(Field(marc, "200"), 'a').Input("Le Petit Prince (édition illustrée)"));
        await page.InvokeAsync(() => page.Find("[data-testid=view-form]").Click());

        Assert.Equal("1943", FormField(page, "Année").Find("input").GetAttribute("value"));
        Assert.Equal("Le Petit Prince (édition illustrée)", FormField(page, "Titre").Find("input").GetAttribute("value"));
        Assert.Equal("Gallimard", FormField(page, "Éditeur").Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task Page_FormView_ShowsTheMissingTitleAsYouType()
    {
        var page = Render<RecordEditorPage>();

        await page.InvokeAsync(() => FormField(page, "Titre").Find("input").Input("Candide"));
        Assert.Empty(page.FindAll("[data-testid=issue]"));
        await page.InvokeAsync(() => FormField(page, "Titre").Find("input").Input(""));

        Assert.Contains("Le titre est obligatoire.", page.Find("[data-testid=issue]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_RefusedSave_ShowsWhy_AndTheMessageGoesAwayOnTheNextEdit()
    {
        var page = Render<RecordEditorPage>();

        await page.InvokeAsync(() => page.Find("[data-testid=view-marc]").Click());
        var marc = page.FindComponent<MarcEditor>();
        await page.InvokeAsync(() => Field(marc, "101").QuerySelector("[data-testid=ind1]")!.Input("#"));
        await page.InvokeAsync(() => page.Find("button[data-testid=save]").Click());

        Assert.Contains("La notice contient des erreurs", page.Find("[data-testid=editor-message]").TextContent, StringComparison.Ordinal);
        // '#' typed as an indicator is a blank, which 101 does not define: a warning, not the cause of the refusal.
        Assert.Contains("Zone 101 : valeur de l'indicateur 1 non définie", Field(marc, "101").TextContent, StringComparison.Ordinal);
        Assert.Contains("Zone 200 : la sous-zone $a est obligatoire.", Field(marc, "200").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => Value(Field(marc, "200"), 'a').Input("Zadig"));

        Assert.Empty(page.FindAll("[data-testid=editor-message]"));
        Assert.Empty(marc.FindAll(".marc-issue-error"));
    }

    [Fact]
    public async Task Page_RecordEditedBySomeoneElse_ShowsTheHolderAndCannotSave()
    {
        var other = new Actor(ActorKind.Staff, "alice", Guid.CreateVersion7());
        var saved = await _app.Services.GetRequiredService<RecordEditor>().SaveAsync(null, Valid("Verrouillée " + Unique.Code()), other, Ct);
        var id = saved.RecordId!.Value;
        await _app.Services.GetRequiredService<RecordLocks>().AcquireAsync(id, other.UserId!.Value, "Alice Martin", Ct);

        var page = Render<RecordEditorPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Notice en cours de modification par Alice Martin depuis", page.Find("[data-testid=lock-holder]").TextContent, StringComparison.Ordinal);
            Assert.True(page.Find("button[data-testid=save]").HasAttribute("disabled"));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Page_RecordFree_TakesTheLockInTheCataloguersName_AndReleasesItOnLeave()
    {
        var saved = await _app.Services.GetRequiredService<RecordEditor>()
            .SaveAsync(null, Valid("Libre " + Unique.Code()), new Actor(ActorKind.Staff, "bruno", Guid.CreateVersion7()), Ct);
        var id = saved.RecordId!.Value;
        var locks = _app.Services.GetRequiredService<RecordLocks>();

        var page = Render<RecordEditorPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.False(page.Find("button[data-testid=save]").HasAttribute("disabled")), TimeSpan.FromSeconds(10));
        var held = await locks.HolderAsync(id, Ct);
        await page.Instance.DisposeAsync();
        var afterLeave = await locks.HolderAsync(id, Ct);

        Assert.Empty(page.FindAll("[data-testid=lock-holder]"));
        Assert.Equal("Chloé Catalogueuse", held?.UserName);
        Assert.Equal(_userId, held?.UserId);
        Assert.Null(afterLeave);
    }

    private static IRenderedComponent<MudTextField<string>> FormField(IRenderedComponent<RecordEditorPage> page, string label) =>
        page.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == label);
}
