using MediaBib.Domain.Catalog;
using MediaBib.Domain.Items;
using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Infrastructure.Catalog.Import;

/// <summary>
/// PostgreSQL binary COPY of catalogue rows, with the column lists of the migrations (snake_case). Computed columns
/// (search_vector, title_normalized, name_normalized) and the items' xmin are never written. COPY bypasses EF, so the
/// caller stamps created_at/updated_at and writes the audit entry itself.
/// </summary>
internal static class BulkCopy
{
    public const string RecordColumns =
        "id, type, title, subtitle, responsibility, isbn, issn, publication_year, publisher, place_of_publication, edition, " +
        "series, language, physical_description, summary, classification, cover_url, control_number, marc_flavour, marc, " +
        "created_at, updated_at";

    public const string ItemColumns =
        "id, record_id, home_library_id, current_library_id, section_id, shelf_id, item_type_id, barcode, call_number, " +
        "inventory_number, status, status_changed_at, condition, price, acquired_on, rfid_tag, not_for_loan, created_at, updated_at";

    public const string RecordTempTable =
        "CREATE TEMP TABLE {0} (id uuid, type varchar(16), title varchar(1000), subtitle varchar(1000), responsibility varchar(1000), " +
        "isbn varchar(13), issn varchar(9), publication_year integer, publisher varchar(300), place_of_publication varchar(200), " +
        "edition varchar(200), series varchar(500), language varchar(3), physical_description varchar(300), summary varchar(10000), " +
        "classification varchar(100), cover_url varchar(1000), control_number varchar(100), marc_flavour varchar(8), marc jsonb, " +
        "created_at timestamptz, updated_at timestamptz) ON COMMIT DROP";

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public static async Task<ulong> CopyRecordsAsync(NpgsqlConnection connection, string table, IReadOnlyCollection<Record> records, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return 0;
        }

        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} ({RecordColumns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in records)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(r.Type.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(r.Title, NpgsqlDbType.Varchar, ct);
            await Text(w, r.Subtitle, ct);
            await Text(w, r.Responsibility, ct);
            await Text(w, r.Isbn?.Value, ct);
            await Text(w, r.Issn, ct);
            await Int(w, r.PublicationYear, ct);
            await Text(w, r.Publisher, ct);
            await Text(w, r.PlaceOfPublication, ct);
            await Text(w, r.Edition, ct);
            await Text(w, r.Series, ct);
            await Text(w, r.Language, ct);
            await Text(w, r.PhysicalDescription, ct);
            await Text(w, r.Summary, ct);
            await Text(w, r.Classification, ct);
            await Text(w, r.CoverUrl, ct);
            await Text(w, r.ControlNumber, ct);
            await Text(w, r.MarcFlavour?.ToString(), ct);
            if (r.Marc is null)
            {
                await w.WriteNullAsync(ct);
            }
            else
            {
                await w.WriteAsync(r.Marc, NpgsqlDbType.Jsonb, ct);
            }

            await w.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        return await w.CompleteAsync(ct);
    }

    public static async Task<ulong> CopyRecordAuthorsAsync(NpgsqlConnection connection, IEnumerable<Record> records, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync("COPY record_author (record_id, position, author_id, role) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var record in records)
        {
            foreach (var a in record.Authors)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(a.RecordId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(a.Position, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(a.AuthorId, NpgsqlDbType.Uuid, ct);
                await Text(w, a.Role, ct);
            }
        }

        return await w.CompleteAsync(ct);
    }

    public static async Task<ulong> CopyRecordSubjectsAsync(NpgsqlConnection connection, string table, IEnumerable<Record> records, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} (record_id, subject_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var record in records)
        {
            foreach (var s in record.Subjects)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(s.RecordId, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(s.SubjectId, NpgsqlDbType.Uuid, ct);
            }
        }

        return await w.CompleteAsync(ct);
    }

    public static async Task CopyAuthorsAsync(NpgsqlConnection connection, string table, IEnumerable<Author> authors, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} (id, name, dates, is_corporate, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var a in authors)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(a.Name, NpgsqlDbType.Varchar, ct);
            await Text(w, a.Dates, ct);
            await w.WriteAsync(a.IsCorporate, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(a.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(a.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        await w.CompleteAsync(ct);
    }

    public static async Task CopySubjectsAsync(NpgsqlConnection connection, string table, IEnumerable<Subject> subjects, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} (id, label, kind, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var s in subjects)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(s.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(s.Label, NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(s.Kind.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(s.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(s.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        await w.CompleteAsync(ct);
    }

    public static async Task CopyItemsAsync(NpgsqlConnection connection, string table, IEnumerable<Item> items, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} ({ItemColumns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var i in items)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(i.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(i.RecordId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(i.HomeLibraryId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(i.CurrentLibraryId, NpgsqlDbType.Uuid, ct);
            await Guid(w, i.SectionId, ct);
            await Guid(w, i.ShelfId, ct);
            await w.WriteAsync(i.ItemTypeId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(i.Barcode.Value, NpgsqlDbType.Varchar, ct);
            await Text(w, i.CallNumber, ct);
            await Text(w, i.InventoryNumber, ct);
            await w.WriteAsync(i.Status.ToString(), NpgsqlDbType.Varchar, ct);
            await w.WriteAsync(i.StatusChangedAt, NpgsqlDbType.TimestampTz, ct);
            await Text(w, i.Condition, ct);
            if (i.Price is { } price)
            {
                await w.WriteAsync(price, NpgsqlDbType.Numeric, ct);
            }
            else
            {
                await w.WriteNullAsync(ct);
            }

            if (i.AcquiredOn is { } acquired)
            {
                await w.WriteAsync(acquired, NpgsqlDbType.Date, ct);
            }
            else
            {
                await w.WriteNullAsync(ct);
            }

            await Text(w, i.RfidTag, ct);
            await w.WriteAsync(i.NotForLoan, NpgsqlDbType.Boolean, ct);
            await w.WriteAsync(i.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(i.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        await w.CompleteAsync(ct);
    }

    private static Task Text(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Varchar, ct);

    private static Task Int(NpgsqlBinaryImporter w, int? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.Integer, ct) : w.WriteNullAsync(ct);

    private static Task Guid(NpgsqlBinaryImporter w, Guid? value, CancellationToken ct) =>
        value is { } v ? w.WriteAsync(v, NpgsqlDbType.Uuid, ct) : w.WriteNullAsync(ct);
}
