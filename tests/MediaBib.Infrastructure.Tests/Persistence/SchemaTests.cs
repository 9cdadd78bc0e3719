using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Persistence;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Infrastructure.Tests.Persistence;

public sealed class SchemaTests(TestDatabase database)
{
    [Fact]
    public async Task Model_ComparedWithCommittedMigrations_HasNoPendingChanges()
    {
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The EF model differs from the migrations: add a migration.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FullTextSearch_ElisWithoutAccent_FindsÉlise()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Unique.Code("Z");
        await using (var db = database.CreateContext())
        {
            db.Records.Add(new Record(RecordType.Book, $"Les souvenirs d'Élise {marker}"));
            db.Records.Add(new Record(RecordType.Book, $"Le jardin de Frédéric {marker}"));
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.CreateContext();
        var titles = await read.Records
            .Where(r => EF.Property<NpgsqlTypes.NpgsqlTsVector>(r, "SearchVector")
                .Matches(EF.Functions.PlainToTsQuery("french_unaccent", "elise " + marker)))
            .Select(r => r.Title)
            .ToListAsync(ct);

        Assert.Equal([$"Les souvenirs d'Élise {marker}"], titles);
    }

    [Fact]
    public async Task TrigramTitleIndex_TypoInTitle_FindsRecordBySimilarity()
    {
        var ct = TestContext.Current.CancellationToken;
        var marker = Unique.Code("Q").ToLowerInvariant();
        await using (var db = database.CreateContext())
        {
            db.Records.Add(new Record(RecordType.Book, $"Mémoires d'Hadrien {marker}"));
            await db.SaveChangesAsync(ct);
        }

        await using var read = database.CreateContext();
        var found = await read.Records
            .Where(r => EF.Functions.TrigramsSimilarity(EF.Property<string>(r, "TitleNormalized"), SearchFunctions.Unaccent($"memoire d'hadrian {marker}")) > 0.4)
            .Select(r => r.Title)
            .ToListAsync(ct);

        Assert.Contains($"Mémoires d'Hadrien {marker}", found);
    }

    [Fact]
    public async Task Item_DuplicateBarcode_IsRefusedByTheDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var (library, type, record) = await SeedBasicsAsync(ct);
        var barcode = Barcode.From(Unique.Barcode());
        await using (var db = database.CreateContext())
        {
            db.Items.Add(new Item(record.Id, library.Id, type.Id, barcode));
            await db.SaveChangesAsync(ct);
        }

        await using var second = database.CreateContext();
        second.Items.Add(new Item(record.Id, library.Id, type.Id, barcode));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(ct));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public void Isbn_MalformedValue_IsRefusedWithFieldAndCode()
    {
        var error = Assert.Throws<ValidationException>(() => Isbn.From("978-2-07-036822-9"));

        Assert.Equal("isbn", error.Field);
        Assert.Equal("validation.invalid_checksum", error.Code);
        Assert.Equal("9782070368228", Isbn.From("978-2-07-036822-8").Value);
    }

    [Fact]
    public void Record_EmptyTitle_IsRefusedWithFieldLevelError()
    {
        var error = Assert.Throws<ValidationException>(() => new Record(RecordType.Book, "   "));

        Assert.Equal("Title", error.Field);
        Assert.Equal(ValidationError.Required, error.Error);
    }

    private async Task<(Library Library, ItemType Type, Record Record)> SeedBasicsAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var library = new Library(LibraryCode.From(Unique.Code("L")), "Bibliothèque de test");
        var type = new ItemType(Unique.Code("T"), "Livre");
        var record = new Record(RecordType.Book, "Titre de test");
        db.AddRange(library, type, record);
        await db.SaveChangesAsync(ct);
        return (library, type, record);
    }
}
