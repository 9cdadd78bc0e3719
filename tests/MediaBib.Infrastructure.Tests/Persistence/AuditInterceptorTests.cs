using System.Text.Json;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Common;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Audit;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Persistence;

public sealed class AuditInterceptorTests(TestDatabase database)
{
    private static readonly Actor Librarian = new(ActorKind.Staff, "mdupont", Guid.CreateVersion7(), Ip: "10.0.0.7", UserAgent: "test", RequestId: "req-1");

    [Fact]
    public async Task SaveChanges_NewLibrary_WritesCreateEntryWithActorAndValues()
    {
        var ct = TestContext.Current.CancellationToken;
        var library = new Library(LibraryCode.From(Unique.Code("A")), "Médiathèque d'audit");
        await using (var db = database.CreateContext(Librarian))
        {
            db.Libraries.Add(library);
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.CreateContext();
        var entry = await read.AuditEntries.SingleAsync(a => a.ObjectId == library.Id, ct);
        Assert.Equal("create", entry.Action);
        Assert.Equal("mdupont", entry.Actor);
        Assert.Equal("staff", entry.ActorKind);
        Assert.Equal(Librarian.UserId, entry.UserId);
        Assert.Equal("10.0.0.7", entry.Ip);
        Assert.Equal("Library", entry.ObjectType);
        Assert.Contains("Médiathèque d'audit", entry.ObjectLabel);
        Assert.Equal("Médiathèque d'audit", JsonDocument.Parse(entry.After!).RootElement.GetProperty("Name").GetString());
        Assert.Equal(AuditSeverity.Notice, entry.Severity);
        Assert.True(entry.RetainUntil > entry.OccurredAt.AddMonths(11));
    }

    [Fact]
    public async Task SaveChanges_Update_RecordsOnlyChangedFieldsBeforeAndAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        var library = new Library(LibraryCode.From(Unique.Code("A")), "Ancien nom");
        await using (var db = database.CreateContext(Librarian))
        {
            db.Libraries.Add(library);
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateContext(Librarian))
        {
            var loaded = await db.Libraries.SingleAsync(l => l.Id == library.Id, ct);
            loaded.Rename("Nouveau nom");
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.CreateContext();
        var update = await read.AuditEntries.SingleAsync(a => a.ObjectId == library.Id && a.Action == "update", ct);
        Assert.Equal(["Name"], update.ChangedFields);
        Assert.Equal("Ancien nom", JsonDocument.Parse(update.Before!).RootElement.GetProperty("Name").GetString());
        Assert.Equal("Nouveau nom", JsonDocument.Parse(update.After!).RootElement.GetProperty("Name").GetString());
    }

    [Fact]
    public async Task SaveChanges_InRolledBackTransaction_LeavesNoAuditEntry()
    {
        var ct = TestContext.Current.CancellationToken;
        var library = new Library(LibraryCode.From(Unique.Code("R")), "Jamais créée");
        await using (var db = database.CreateContext(Librarian))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Libraries.Add(library);
            await db.SaveChangesAsync(ct);
            await tx.RollbackAsync(ct);
        }

        await using var read = database.CreateContext();
        Assert.False(await read.AuditEntries.AnyAsync(a => a.ObjectId == library.Id, ct));
        Assert.False(await read.Libraries.AnyAsync(l => l.Id == library.Id, ct));
    }

    [Fact]
    public async Task RecordAction_WithPatron_WritesDomainActionAndNeverThePasswordHash()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.CreateContext(Librarian);
        var library = new Library(LibraryCode.From(Unique.Code("P")), "Bibliothèque");
        var category = new PatronCategory(Unique.Code("C"), "Adulte");
        db.AddRange(library, category);
        await db.SaveChangesAsync(ct);
        var patron = new Patron(library.Id, category.Id, CardNumber.From(Unique.Code("C")), "Élise", "Martin", new DateOnly(2030, 1, 1));
        patron.SetOpacPasswordHash("SECRET-HASH-VALUE");
        db.Patrons.Add(patron);
        patron.Block("Retards répétés");
        db.RecordAction(AuditAction.PatronBlocked, patron, "Retards répétés");
        await db.SaveChangesAsync(ct);

        await using var read = database.CreateContext();
        var entries = await read.AuditEntries.Where(a => a.ObjectId == patron.Id).ToListAsync(ct);
        Assert.Contains(entries, e => e.Action == "patron_blocked" && e.Severity == AuditSeverity.Warning && e.Message == "Retards répétés");
        Assert.Contains(entries, e => e.Action == "create");
        Assert.All(entries, e => Assert.DoesNotContain("SECRET-HASH-VALUE", (e.After ?? "") + (e.Before ?? "")));
    }
}
