using System.Text.RegularExpressions;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Sites;
using MediaBib.Domain.Staff;
using MediaBib.EndToEnd.Tests.Infrastructure;
using MediaBib.EndToEnd.Tests.Pages;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Editing;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Catalogue;

/// <summary>A cataloguer in chromium: create and edit a record, copy one from a real Z39.50 server, merge two records.</summary>
public sealed class RecordEditorFlowTests(LiveAppFixture app)
{
    /// <summary>Each step is a few round trips on a loaded 2-core machine: Playwright's 5 s default is short.</summary>
    private const float Wait = 20_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cataloguer_CreatesARecordInTheEditor_ThenEditsIt_AndSeesTheChangeInTheOpacAndAfterReload()
    {
        var code = Unique.Code("ED");
        var page = await SignedInCataloguerAsync();
        await Screenshots(page, "create", async () =>
        {
            // Act: a new record typed in the form view.
            await new StaffShell(page).OpenAsync("Nouvelle notice");
            var editor = new EditorPage(page);
            await Assertions.Expect(editor.Title).ToBeFocusedAsync(new() { Timeout = Wait });
            await editor.Title.FillAsync("Le Horla " + code);
            await page.GetByTestId("form-publisher").FillAsync("Ollendorff");
            await page.GetByTestId("form-year").FillAsync("1887");
            await page.GetByTestId("form-author-text").First.FillAsync("Maupassant, Guy de");
            await editor.SaveAsync();
            await editor.WaitForSavedRecordAsync();
            await Assertions.Expect(editor.Message).ToHaveTextAsync("Notice enregistrée.", new() { Timeout = Wait });
            var id = editor.RecordId;

            // Act: edited, once in the form and once in the MARC view.
            await editor.Title.FillAsync("Le Horla, seconde version " + code);
            await editor.MarcViewAsync();
            await Assertions.Expect(editor.Subfield("200", 'a')).ToHaveValueAsync("Le Horla, seconde version " + code, new() { Timeout = Wait });
            await editor.Subfield("210", 'd').FillAsync("1888");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-editor-marc.png"), FullPage = true });
            await editor.SaveAsync();
            await Assertions.Expect(editor.Heading).ToContainTextAsync("Notice : Le Horla, seconde version " + code, new() { Timeout = Wait });

            // Assert: the database holds the mapped record; the OPAC shows it; the editor reopens it as saved.
            await using (var db = app.Database.CreateContext())
            {
                var record = await db.Records.AsNoTracking().Include(r => r.Authors).ThenInclude(a => a.Author).SingleAsync(r => r.Id == id, Ct);
                Assert.Equal("Le Horla, seconde version " + code, record.Title);
                Assert.Equal("Ollendorff", record.Publisher);
                Assert.Equal(1888, record.PublicationYear);
                Assert.Equal(MarcFlavour.Unimarc, record.MarcFlavour);
                Assert.Equal("Maupassant, Guy de", Assert.Single(record.Authors).Author.Name);
            }

            await page.GotoAsync($"/opac/notice/{id}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Le Horla, seconde version " + code);
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Maupassant, Guy de");
            await page.GotoAsync($"/catalogue/notices/{id}");
            await new StaffShell(page).WaitForInteractivityAsync();
            await Assertions.Expect(editor.Title).ToHaveValueAsync("Le Horla, seconde version " + code, new() { Timeout = Wait });
            await Assertions.Expect(page.GetByTestId("form-publisher")).ToHaveValueAsync("Ollendorff");
            await Assertions.Expect(page.GetByTestId("lock-holder")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-editor-form.png"), FullPage = true });
        });
    }

    [Fact]
    public async Task Cataloguer_EmptiesTheTitle_SeesWhyTheSaveIsRefused()
    {
        var page = await SignedInCataloguerAsync();
        await Screenshots(page, "refused", async () =>
        {
            await new StaffShell(page).OpenAsync("Nouvelle notice");
            var editor = new EditorPage(page);
            await editor.Title.FillAsync("Brouillon");
            await editor.Title.FillAsync("");
            await editor.SaveAsync();

            await Assertions.Expect(editor.Message).ToHaveTextAsync("La notice contient des erreurs : corrigez-les avant d'enregistrer.", new() { Timeout = Wait });
            await Assertions.Expect(editor.Issues).ToHaveTextAsync(["Le titre est obligatoire."]);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/catalogue/notices/nouvelle$"));
        });
    }

    [Fact]
    public async Task Cataloguer_CopiesARecordFromTheZ3950Server_IntoTheEditor_AndSavesIt()
    {
        Assert.SkipWhen(app.CopyServer.Unavailable is not null, app.CopyServer.Unavailable ?? "");
        var page = await SignedInCataloguerAsync();
        await Screenshots(page, "copy", async () =>
        {
            // Act: search yaz-ztest, open its first record in the editor, save.
            await new StaffShell(page).OpenAsync("Copie de notices");
            await page.GetByTestId("title").FillAsync("computer");
            await page.GetByTestId("title").PressAsync("Tab");
            await page.GetByTestId("search").ClickAsync();
            var target = page.GetByTestId("target-" + LiveAppFixture.CopyTargetId);
            await Assertions.Expect(target.GetByTestId("candidate-title").First).ToContainTextAsync("How to program a computer", new() { Timeout = Wait });
            await target.GetByTestId("open-in-editor").First.ClickAsync();

            var editor = new EditorPage(page);
            await page.WaitForURLAsync(new Regex("/catalogue/notices/nouvelle\\?brouillon="), new() { Timeout = Wait });
            await Assertions.Expect(page.GetByTestId("draft-source")).ToContainTextAsync("Notice copiée depuis " + LiveAppFixture.CopyTargetName, new() { Timeout = Wait });
            await Assertions.Expect(editor.Title).ToHaveValueAsync(new Regex("^How to program a computer"), new() { Timeout = Wait });
            await editor.MarcViewAsync();
            await Assertions.Expect(page.Locator("[data-testid=field][data-tag='245']")).ToHaveCountAsync(1);
            // yaz-ztest's record has an obsolete MARC21 indicator: a warning, which does not stop the save.
            await Assertions.Expect(page.Locator("[data-testid=field][data-tag='100'] [data-testid=issue]"))
                .ToHaveTextAsync("Zone 100 : valeur de l'indicateur 2 non définie par le format (valeurs permises : « # », # = blanc).");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-editor-copy.png"), FullPage = true });
            await editor.SaveAsync();
            await editor.WaitForSavedRecordAsync();
            await Assertions.Expect(editor.Message).ToHaveTextAsync("Notice enregistrée.", new() { Timeout = Wait });

            // Assert: a MARC21 record with yaz-ztest's control number, saved by the cataloguer.
            await using var db = app.Database.CreateContext();
            var record = await db.Records.AsNoTracking().SingleAsync(r => r.Id == editor.RecordId, Ct);
            Assert.Equal("How to program a computer", record.Title);
            Assert.Equal(MarcFlavour.Marc21, record.MarcFlavour);
            Assert.Equal("11224466", record.ControlNumber);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == record.Id && a.Action == "create", Ct));
        });
    }

    [Fact]
    public async Task Cataloguer_MergesADuplicateIntoTheRecord_ItsItemsMoveToTheSurvivor()
    {
        // Arrange: two records of the same book, the duplicate with an item.
        var code = Unique.Code("MG");
        var library = new Library(LibraryCode.From(Unique.Code("E2M")), "Médiathèque " + Unique.Code());
        var type = new ItemType(Unique.Code("TYP"), "Livre");
        await using (var db = app.Database.CreateContext())
        {
            db.AddRange(library, type);
            await db.SaveChangesAsync(Ct);
        }

        var editorService = app.Services.GetRequiredService<RecordEditor>();
        var seeder = new Actor(ActorKind.Staff, "e2e", null);
        var survivor = (await editorService.SaveAsync(null, Draft("Bel-Ami " + code), seeder, Ct)).RecordId!.Value;
        var duplicate = (await editorService.SaveAsync(null, Draft("Bel Ami doublon " + code), seeder, Ct)).RecordId!.Value;
        var item = new Item(duplicate, library.Id, type.Id, Barcode.From(Unique.Barcode()));
        await using (var db = app.Database.CreateContext())
        {
            db.Items.Add(item);
            await db.SaveChangesAsync(Ct);
        }

        var page = await SignedInCataloguerAsync();
        await Screenshots(page, "merge", async () =>
        {
            // Act: find the duplicate from the survivor's editor and merge it (with the confirmation).
            await page.GotoAsync($"/catalogue/notices/{survivor}");
            await new StaffShell(page).WaitForInteractivityAsync();
            await Assertions.Expect(page.GetByTestId("items-panel")).ToContainTextAsync("Aucun exemplaire.", new() { Timeout = Wait });
            await page.GetByTestId("merge-term").FillAsync("doublon " + code);
            await page.GetByTestId("merge-search").ClickAsync();
            var candidate = page.GetByTestId("merge-candidate");
            await Assertions.Expect(candidate).ToHaveCountAsync(1, new() { Timeout = Wait });
            await Assertions.Expect(candidate).ToContainTextAsync("Bel Ami doublon " + code);
            await candidate.GetByTestId("merge-into").ClickAsync();
            await candidate.GetByTestId("merge-confirm").ClickAsync();

            // Assert: the item is listed here, and in the database it belongs to the survivor; the duplicate is gone.
            await Assertions.Expect(page.GetByTestId("editor-message")).ToContainTextAsync("Notice fusionnée : 1", new() { Timeout = Wait });
            await Assertions.Expect(page.GetByTestId("item-row")).ToContainTextAsync(item.Barcode.Value, new() { Timeout = Wait });
            await Assertions.Expect(page.GetByTestId("item-row").GetByTestId("item-status")).ToHaveTextAsync("En rayon");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "mediabib-editor-merge.png"), FullPage = true });
            await using var db = app.Database.CreateContext();
            Assert.Equal(survivor, (await db.Items.AsNoTracking().SingleAsync(i => i.Id == item.Id, Ct)).RecordId);
            Assert.False(await db.Records.AnyAsync(r => r.Id == duplicate, Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.ObjectId == survivor && a.Action == "records_merged", Ct));
        });
    }

    private static MarcDraft Draft(string title) => new(MarcFlavour.Unimarc, MarcDraft.UnimarcNewLeader,
    [
        DraftField.Of("101", '0', ' ', ('a', "fre")),
        DraftField.Of("200", '1', ' ', ('a', title), ('f', "Guy de Maupassant")),
        DraftField.Of("210", ' ', ' ', ('a', "Paris"), ('c', "Havard"), ('d', "1885")),
    ]);

    private async Task<IPage> SignedInCataloguerAsync()
    {
        var userName = await app.CreateStaffAsync(StaffRoles.Cataloguer);
        var page = await app.NewPageAsync();
        await new LoginPage(page).SignInAsync(userName, LiveAppFixture.Password);
        return page;
    }

    /// <summary>Runs the steps; when one fails, keeps a screenshot and the HTML of the page in the temp folder.</summary>
    private static async Task Screenshots(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"mediabib-editor-{name}-failure.png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), $"mediabib-editor-{name}-failure.html"), await page.ContentAsync(), Ct);
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
