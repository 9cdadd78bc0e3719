using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Editing;
using MediaBib.Infrastructure.Tests.Notifications;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Catalog.Editing;

/// <summary>The cataloguer's editor use cases on the real database: save, lock, merge, delete.</summary>
public sealed class RecordEditorTests(TestDatabase database)
{
    private static readonly Actor Alice = new(ActorKind.Staff, "alice", Guid.CreateVersion7());
    private static readonly Actor Bruno = new(ActorKind.Staff, "bruno", Guid.CreateVersion7());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private RecordEditor Editor => new(database.Factory, TimeProvider.System);

    private static MarcDraft Unimarc(string title, string author, string subject, string year = "2021") => new(MarcFlavour.Unimarc, MarcDraft.UnimarcNewLeader,
    [
        DraftField.Of("010", ' ', ' ', ('a', "978-2-07-036822-8")),
        DraftField.Of("101", '0', ' ', ('a', "fre")),
        DraftField.Of("200", '1', ' ', ('a', title), ('f', "Jeanne Test")),
        DraftField.Of("210", ' ', ' ', ('a', "Paris"), ('c', "Gallimard"), ('d', year)),
        DraftField.Of("606", ' ', ' ', ('a', subject)),
        DraftField.Of("700", ' ', '1', ('a', author), ('b', "Jeanne"), ('4', "070")),
    ]);

    [Fact]
    public async Task Save_NewThenEdited_MapsLikeTheImportAndAuditsTheMarcBeforeAndAfter()
    {
        // Arrange
        var code = Unique.Code("T");
        var draft = Unimarc("Les jardins " + code, "Testeur" + code, "Jardinage " + code);

        // Act
        var created = await Editor.SaveAsync(null, draft, Alice, Ct);
        var id = created.RecordId!.Value;
        draft.Fields.Single(f => f.Tag == "200").Set('a', "Les jardins secrets " + code);
        draft.Fields.Single(f => f.Tag == "210").Set('d', "2022");
        var edited = await Editor.SaveAsync(id, draft, Alice, Ct);

        // Assert
        Assert.True(created.Saved);
        Assert.True(edited.Saved);
        await using var db = database.CreateContext();
        var record = await db.Records.AsNoTracking().Include(r => r.Authors).ThenInclude(a => a.Author).Include(r => r.Subjects).ThenInclude(s => s.Subject)
            .SingleAsync(r => r.Id == id, Ct);
        Assert.Equal("Les jardins secrets " + code, record.Title);
        Assert.Equal(2022, record.PublicationYear);
        Assert.Equal("Gallimard", record.Publisher);
        Assert.Equal("fre", record.Language);
        Assert.Equal("9782070368228", record.Isbn?.Value);
        Assert.Equal(MarcFlavour.Unimarc, record.MarcFlavour);
        Assert.Equal("Testeur" + code + ", Jeanne", Assert.Single(record.Authors).Author.Name);
        Assert.Equal("070", record.Authors[0].Role);
        Assert.Equal("Jardinage " + code, Assert.Single(record.Subjects).Subject.Label);
        var found = await db.Records.AsNoTracking()
            .Where(r => EF.Property<NpgsqlTypes.NpgsqlTsVector>(r, "SearchVector").Matches(EF.Functions.PlainToTsQuery("french_unaccent", "secrets " + code)))
            .Select(r => r.Id).ToListAsync(Ct);
        Assert.Equal([id], found);
        var update = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectId == id && a.Action == "update", Ct);
        Assert.Equal("alice", update.Actor);
        Assert.Contains("Les jardins " + code, update.Before, StringComparison.Ordinal);
        // The MARC itself (not an escaped string) is in the audit: PostgreSQL's jsonb keeps it as an object.
        using var before = System.Text.Json.JsonDocument.Parse(update.Before!);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, before.RootElement.GetProperty("Marc").ValueKind);
        Assert.Contains("Les jardins " + code, before.RootElement.GetProperty("Marc").GetProperty("fields").GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Les jardins secrets " + code, update.After, StringComparison.Ordinal);
        Assert.Contains("2022", update.After, StringComparison.Ordinal);
        Assert.Contains("Marc", update.ChangedFields);
    }

    [Fact]
    public async Task Save_FieldLinkedToAnAuthority_LinksThatAuthorityWhateverTheName()
    {
        var code = Unique.Code("A");
        var authority = await new Authorities(database.Factory).CreateAsync(AuthorityKind.Person, "Autorité" + code + ", Paul", "1900-1980", Alice, Ct);
        var draft = Unimarc("Titre " + code, "Autre" + code, "Sujet " + code);
        draft.Fields.Single(f => f.Tag == "700").Set('9', authority.Id.ToString());

        var result = await Editor.SaveAsync(null, draft, Alice, Ct);

        await using var db = database.CreateContext();
        var link = await db.Set<RecordAuthor>().AsNoTracking().SingleAsync(a => a.RecordId == result.RecordId, Ct);
        Assert.Equal(authority.Id, link.AuthorId);
    }

    [Fact]
    public async Task Save_InvalidMarc_IsRefusedWithTheIssues()
    {
        var draft = Unimarc("Titre", "Nom", "Sujet");
        draft.Fields.Add(DraftField.Of("200", '1', ' ', ('a', "Second titre")));
        draft.Fields.Single(f => f.Tag == "700").Indicator2 = '?';

        var result = await Editor.SaveAsync(null, draft, Alice, Ct);

        Assert.Equal(RecordSaveRefusal.InvalidMarc, result.Refusal);
        Assert.Contains(result.Issues, i => i.Kind == MarcIssueKind.FieldNotRepeatable && i.Tag == "200");
        Assert.Contains(result.Issues, i => i.Kind == MarcIssueKind.InvalidIndicator && i.Tag == "700" && i.Code == '2');
    }

    [Fact]
    public async Task Save_IndicatorValueTheFrameworkDoesNotDefine_IsAWarningAndTheRecordSaves()
    {
        // Copied records carry obsolete indicator values; they must stay editable.
        var draft = Unimarc("Indicateur " + Unique.Code("I"), "Nom", "Sujet");
        draft.Fields.Single(f => f.Tag == "700").Indicator2 = '7';

        var result = await Editor.SaveAsync(null, draft, Alice, Ct);

        Assert.True(result.Saved);
        var issue = Assert.Single(result.Issues, i => i.Tag == "700");
        Assert.Equal(MarcIssueKind.IndicatorNotDefined, issue.Kind);
        Assert.False(issue.IsError);
    }

    [Fact]
    public async Task Lock_SecondCataloguer_SeesTheHolderAndCannotSave_UntilReleased()
    {
        var id = (await Editor.SaveAsync(null, Unimarc("Verrou " + Unique.Code("V"), "Nom", "Sujet"), Alice, Ct)).RecordId!.Value;
        var locks = new RecordLocks(database.Factory, TimeProvider.System);

        var first = await locks.AcquireAsync(id, Alice.UserId!.Value, "Alice Martin", Ct);
        var second = await locks.AcquireAsync(id, Bruno.UserId!.Value, "Bruno Petit", Ct);
        var refused = await Editor.SaveAsync(id, Unimarc("Verrou modifié", "Nom", "Sujet"), Bruno, Ct);
        await locks.ReleaseAsync(id, Alice.UserId!.Value, Ct);
        var afterRelease = await locks.AcquireAsync(id, Bruno.UserId!.Value, "Bruno Petit", Ct);

        Assert.True(first.Acquired);
        Assert.False(second.Acquired);
        Assert.Equal("Alice Martin", second.HolderName);
        Assert.Equal(first.Since, second.Since, TimeSpan.FromMilliseconds(1));
        Assert.Equal(RecordSaveRefusal.LockedByOther, refused.Refusal);
        Assert.Equal("Alice Martin", refused.Detail);
        Assert.True(afterRelease.Acquired);
    }

    [Fact]
    public async Task Lock_Expired_IsTakenOverByTheNextCataloguer()
    {
        var id = (await Editor.SaveAsync(null, Unimarc("Expiré " + Unique.Code("V"), "Nom", "Sujet"), Alice, Ct)).RecordId!.Value;
        var past = new FixedClock(DateTimeOffset.UtcNow - RecordLocks.Duration - TimeSpan.FromMinutes(1));
        await new RecordLocks(database.Factory, past).AcquireAsync(id, Alice.UserId!.Value, "Alice Martin", Ct);

        var taken = await new RecordLocks(database.Factory, TimeProvider.System).AcquireAsync(id, Bruno.UserId!.Value, "Bruno Petit", Ct);

        Assert.True(taken.Acquired);
        Assert.Equal("Bruno Petit", taken.HolderName);
    }

    [Fact]
    public async Task Merge_MovesItemsAndHoldsToTheSurvivor_DeletesTheOther_AndIsAudited()
    {
        var data = await new NoticeTestData(database).CreateAsync(Ct);
        var patron = await data.PatronAsync(Ct);
        var survivor = (await Editor.SaveAsync(null, Unimarc("Survivante " + Unique.Code("M"), "Nom", "Sujet"), Alice, Ct)).RecordId!.Value;
        var other = (await Editor.SaveAsync(null, Unimarc("Doublon " + Unique.Code("M"), "Nom", "Sujet"), Alice, Ct)).RecordId!.Value;
        var item = new Item(other, data.Library.Id, data.ItemType.Id, Barcode.From(Unique.Barcode()));
        var hold = new Hold(other, patron.Id, data.Library.Id, DateTime.UtcNow.AddDays(-2));
        await using (var db = database.CreateContext())
        {
            db.AddRange(item, hold);
            await db.SaveChangesAsync(Ct);
        }

        var result = await new RecordRemoval(database.Factory, TimeProvider.System).MergeAsync(survivor, other, Alice, Ct);

        Assert.True(result.Done);
        await using var check = database.CreateContext();
        Assert.Equal(survivor, (await check.Items.AsNoTracking().SingleAsync(i => i.Id == item.Id, Ct)).RecordId);
        Assert.Equal(survivor, (await check.Holds.AsNoTracking().SingleAsync(h => h.Id == hold.Id, Ct)).RecordId);
        Assert.False(await check.Records.AnyAsync(r => r.Id == other, Ct));
        var merged = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectId == survivor && a.Action == "records_merged", Ct);
        Assert.Contains(item.Id.ToString(), merged.After, StringComparison.Ordinal);
        Assert.True(await check.AuditEntries.AnyAsync(a => a.ObjectId == other && a.Action == "delete", Ct));
    }

    [Fact]
    public async Task Delete_ItemOnLoan_IsRefused()
    {
        var data = await new NoticeTestData(database).CreateAsync(Ct);
        var patron = await data.PatronAsync(Ct);
        var loan = await data.LateLoanAsync(patron, "Prêté " + Unique.Code("D"), DateTime.UtcNow.AddDays(5), Ct);
        Guid recordId;
        await using (var db = database.CreateContext())
        {
            var item = await db.Items.SingleAsync(i => i.Id == loan.ItemId, Ct);
            item.Lend(DateTime.UtcNow);
            recordId = item.RecordId;
            await db.SaveChangesAsync(Ct);
        }

        var result = await new RecordRemoval(database.Factory, TimeProvider.System).DeleteAsync(recordId, Alice, Ct);

        Assert.Equal(RecordDeleteRefusal.ItemsOnLoan, result.Refusal);
        Assert.Equal(1, result.Count);
        await using var check = database.CreateContext();
        Assert.True(await check.Records.AnyAsync(r => r.Id == recordId, Ct));
    }

    [Fact]
    public async Task Delete_ActiveHold_IsRefused_AndWithoutItemsOrHolds_Deletes()
    {
        var data = await new NoticeTestData(database).CreateAsync(Ct);
        var patron = await data.PatronAsync(Ct);
        var held = (await Editor.SaveAsync(null, Unimarc("Réservée " + Unique.Code("D"), "Nom", "Sujet"), Alice, Ct)).RecordId!.Value;
        var free = (await Editor.SaveAsync(null, Unimarc("Libre " + Unique.Code("D"), "Nom", "Sujet"), Alice, Ct)).RecordId!.Value;
        await using (var db = database.CreateContext())
        {
            db.Holds.Add(new Hold(held, patron.Id, data.Library.Id, DateTime.UtcNow));
            await db.SaveChangesAsync(Ct);
        }

        var removal = new RecordRemoval(database.Factory, TimeProvider.System);
        var refused = await removal.DeleteAsync(held, Alice, Ct);
        var deleted = await removal.DeleteAsync(free, Alice, Ct);

        Assert.Equal(RecordDeleteRefusal.ActiveHolds, refused.Refusal);
        Assert.True(deleted.Done);
        await using var check = database.CreateContext();
        Assert.False(await check.Records.AnyAsync(r => r.Id == free, Ct));
        var deletion = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectId == free && a.ObjectType == nameof(MediaBib.Domain.Catalog.Record) && a.Action == "delete", Ct);
        Assert.Contains("Libre", deletion.Before, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
