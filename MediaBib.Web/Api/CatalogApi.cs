using System.Text.Json.Serialization;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Web.Api;

/// <summary>Records, items and patrons under <c>/api/v1</c>.</summary>
public static class CatalogApi
{
    public static RouteGroupBuilder MapCatalogApi(this RouteGroupBuilder api)
    {
        var records = api.MapGroup("/records").WithTags("Notices");
        records.MapGet("/", ListRecordsAsync).RequireAuthorization();
        records.MapGet("/{id:guid}", GetRecordAsync).RequireAuthorization();
        records.MapPost("/", CreateRecordAsync).RequireAuthorization(Permission.RecordsCreate.PolicyName());

        var items = api.MapGroup("/items").WithTags("Exemplaires");
        items.MapGet("/", ListItemsAsync).RequireAuthorization();
        items.MapPost("/", CreateItemAsync).RequireAuthorization(Permission.ItemsManage.PolicyName());

        var patrons = api.MapGroup("/patrons").WithTags("Lecteurs");
        patrons.MapGet("/", ListPatronsAsync).RequireAuthorization(Permission.PatronsView.PolicyName());
        patrons.MapGet("/{id:guid}", GetPatronAsync).RequireAuthorization(Permission.PatronsView.PolicyName());
        patrons.MapPost("/", CreatePatronAsync).RequireAuthorization(Permission.PatronsManage.PolicyName());
        return api;
    }

    public sealed record RecordSummary(Guid Id, string Title, string? Responsibility, string Type, string? Isbn, int? Year, string? Publisher);

    public sealed record RecordRequest(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("isbn")] string? Isbn,
        [property: JsonPropertyName("year")] int? Year,
        [property: JsonPropertyName("publisher")] string? Publisher,
        [property: JsonPropertyName("responsibility")] string? Responsibility,
        [property: JsonPropertyName("language")] string? Language,
        [property: JsonPropertyName("summary")] string? Summary);

    public sealed record ItemSummary(Guid Id, Guid RecordId, string Barcode, string Status, Guid HomeLibraryId, Guid CurrentLibraryId, string? CallNumber, Guid ItemTypeId);

    public sealed record ItemRequest(
        [property: JsonPropertyName("record_id")] Guid RecordId,
        [property: JsonPropertyName("barcode")] string? Barcode,
        [property: JsonPropertyName("library_id")] Guid? LibraryId,
        [property: JsonPropertyName("item_type_id")] Guid ItemTypeId,
        [property: JsonPropertyName("call_number")] string? CallNumber,
        [property: JsonPropertyName("price")] decimal? Price);

    public sealed record PatronSummary(Guid Id, string CardNumber, string FirstName, string LastName, Guid HomeLibraryId, Guid CategoryId, DateOnly ExpiresOn, bool IsBlocked, decimal Balance);

    public sealed record PatronRequest(
        [property: JsonPropertyName("card_number")] string? CardNumber,
        [property: JsonPropertyName("first_name")] string? FirstName,
        [property: JsonPropertyName("last_name")] string? LastName,
        [property: JsonPropertyName("category_id")] Guid CategoryId,
        [property: JsonPropertyName("library_id")] Guid? LibraryId,
        [property: JsonPropertyName("birth_date")] DateOnly? BirthDate,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("expires_on")] DateOnly? ExpiresOn);

    private static async Task<IResult> ListRecordsAsync(IDbContextFactory<MediaBibDbContext> contexts, string? q, string? isbn, int? page, int? pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Records.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(isbn))
        {
            try
            {
                var value = Domain.Common.Isbn.From(isbn);
                query = query.Where(r => r.Isbn == value);
            }
            catch (ValidationException error)
            {
                return ApiProblems.Invalid(error);
            }
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Length > 500 ? q[..500] : q;
            query = query.Where(r => EF.Property<NpgsqlTsVector>(r, "SearchVector").Matches(EF.Functions.WebSearchToTsQuery("french_unaccent", text)));
        }

        var rows = query.OrderBy(r => r.Title).ThenBy(r => r.Id)
            .Select(r => new RecordSummary(r.Id, r.Title, r.Responsibility, r.Type.ToString(), r.Isbn == null ? null : r.Isbn.Value.Value, r.PublicationYear, r.Publisher));
        return Results.Ok(await Paging.PageAsync(rows, page, pageSize, ct));
    }

    private static async Task<IResult> GetRecordAsync(Guid id, IDbContextFactory<MediaBibDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var record = await db.Records.AsNoTracking()
            .Include(r => r.Authors).ThenInclude(a => a.Author)
            .Include(r => r.Subjects).ThenInclude(s => s.Subject)
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        if (record is null)
        {
            return ApiProblems.NotFound("Notice introuvable.");
        }

        var items = await db.Items.AsNoTracking().Where(i => i.RecordId == id)
            .Select(i => new ItemSummary(i.Id, i.RecordId, i.Barcode.Value, i.Status.ToString(), i.HomeLibraryId, i.CurrentLibraryId, i.CallNumber, i.ItemTypeId))
            .ToListAsync(ct);
        return Results.Ok(new
        {
            record.Id,
            record.Title,
            record.Subtitle,
            record.Responsibility,
            Type = record.Type.ToString(),
            Isbn = record.Isbn?.Value,
            record.Issn,
            Year = record.PublicationYear,
            record.Publisher,
            record.Language,
            record.Summary,
            Authors = record.Authors.OrderBy(a => a.Position).Select(a => new { a.Author.Name, a.Role }),
            Subjects = record.Subjects.Select(s => s.Subject.Label),
            Items = items,
        });
    }

    private static async Task<IResult> CreateRecordAsync(RecordRequest request, HttpContext http, IDbContextFactory<MediaBibDbContext> contexts, CancellationToken ct)
    {
        try
        {
            var type = Enum.TryParse<RecordType>(request.Type ?? nameof(RecordType.Book), true, out var t)
                ? t
                : throw new ValidationException("type", ValidationError.InvalidFormat);
            var record = new Record(type, request.Title!);
            record.Describe(type, request.Responsibility, string.IsNullOrWhiteSpace(request.Isbn) ? null : Isbn.From(request.Isbn),
                null, request.Year, request.Publisher, null, null, null, request.Language, null, request.Summary, null);
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Actor = ApiActor.From(http);
            db.Records.Add(record);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/v1/records/{record.Id}", new { id = record.Id });
        }
        catch (ValidationException error)
        {
            return ApiProblems.Invalid(error);
        }
    }

    private static async Task<IResult> ListItemsAsync(IDbContextFactory<MediaBibDbContext> contexts, string? barcode, Guid? recordId, Guid? libraryId, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Items.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(barcode))
        {
            if (!Barcode.TryFrom(barcode, out var value))
            {
                return ApiProblems.Invalid("barcode", "validation.invalid_format", "Code-barres invalide.");
            }

            query = query.Where(i => i.Barcode == value);
        }

        if (recordId is { } r)
        {
            query = query.Where(i => i.RecordId == r);
        }

        if (libraryId is { } l)
        {
            query = query.Where(i => i.HomeLibraryId == l);
        }

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<ItemStatus>(status, true, out var s))
            {
                return ApiProblems.Invalid("status", "validation.invalid_format", "Statut inconnu.");
            }

            query = query.Where(i => i.Status == s);
        }

        var rows = query.OrderBy(i => i.Barcode).ThenBy(i => i.Id)
            .Select(i => new ItemSummary(i.Id, i.RecordId, i.Barcode.Value, i.Status.ToString(), i.HomeLibraryId, i.CurrentLibraryId, i.CallNumber, i.ItemTypeId));
        return Results.Ok(await Paging.PageAsync(rows, page, pageSize, ct));
    }

    private static async Task<IResult> CreateItemAsync(ItemRequest request, HttpContext http, IDbContextFactory<MediaBibDbContext> contexts, CancellationToken ct)
    {
        var actor = ApiActor.From(http);
        try
        {
            var library = request.LibraryId ?? actor.LibraryId ?? throw new ValidationException("library_id", ValidationError.Required);
            var item = new Item(request.RecordId, library, request.ItemTypeId, Barcode.From(request.Barcode));
            item.Place(null, null, request.CallNumber);
            item.Describe(null, null, request.Price, null, null);
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Actor = actor;
            if (!await db.Records.AnyAsync(r => r.Id == request.RecordId, ct))
            {
                return ApiProblems.Invalid("record_id", "validation.unknown", "Notice inconnue.");
            }

            db.Items.Add(item);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/v1/items?barcode={item.Barcode}", new { id = item.Id });
        }
        catch (ValidationException error)
        {
            return ApiProblems.Invalid(error);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ApiProblems.Invalid("barcode", "validation.duplicate", "Ce code-barres est déjà utilisé.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
        {
            return ApiProblems.Invalid("item_type_id", "validation.unknown", "Type de document ou bibliothèque inconnu.");
        }
    }

    private static async Task<IResult> ListPatronsAsync(IDbContextFactory<MediaBibDbContext> contexts, string? q, string? card, int? page, int? pageSize, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Patrons.AsNoTracking().Where(p => p.AnonymizedAt == null);
        if (!string.IsNullOrWhiteSpace(card))
        {
            if (!Barcode.TryFrom(card, out _))
            {
                return ApiProblems.Invalid("card", "validation.invalid_format", "Numéro de carte invalide.");
            }

            var number = CardNumber.From(card);
            query = query.Where(p => p.CardNumber == number);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Length > 100 ? q[..100] : q;
            var pattern = "%" + text.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(p => EF.Functions.Like(EF.Property<string>(p, "NameNormalized"), SearchFunctions.Unaccent(pattern)));
        }

        var rows = query.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).ThenBy(p => p.Id)
            .Select(p => new PatronSummary(p.Id, p.CardNumber.Value, p.FirstName, p.LastName, p.HomeLibraryId, p.CategoryId, p.ExpiresOn, p.IsBlocked, p.Balance));
        return Results.Ok(await Paging.PageAsync(rows, page, pageSize, ct));
    }

    private static async Task<IResult> GetPatronAsync(Guid id, IDbContextFactory<MediaBibDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var patron = await db.Patrons.AsNoTracking().Where(p => p.Id == id && p.AnonymizedAt == null)
            .Select(p => new PatronSummary(p.Id, p.CardNumber.Value, p.FirstName, p.LastName, p.HomeLibraryId, p.CategoryId, p.ExpiresOn, p.IsBlocked, p.Balance))
            .SingleOrDefaultAsync(ct);
        return patron is null ? ApiProblems.NotFound("Lecteur introuvable.") : Results.Ok(patron);
    }

    private static async Task<IResult> CreatePatronAsync(PatronRequest request, HttpContext http, IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock, CancellationToken ct)
    {
        var actor = ApiActor.From(http);
        try
        {
            var library = request.LibraryId ?? actor.LibraryId ?? throw new ValidationException("library_id", ValidationError.Required);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Actor = actor;
            var category = await db.PatronCategories.SingleOrDefaultAsync(c => c.Id == request.CategoryId, ct)
                ?? throw new ValidationException("category_id", ValidationError.Required);
            var patron = new Patron(library, category.Id, CardNumber.From(request.CardNumber), request.FirstName!, request.LastName!,
                request.ExpiresOn ?? today.AddMonths(category.MembershipMonths));
            patron.UpdateContact(request.BirthDate, request.Email, null, Domain.Sites.Address.Empty);
            db.Patrons.Add(patron);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/v1/patrons/{patron.Id}", new { id = patron.Id });
        }
        catch (ValidationException error)
        {
            return ApiProblems.Invalid(error);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return ApiProblems.Invalid("card_number", "validation.duplicate", "Ce numéro de carte est déjà attribué.");
        }
    }
}
