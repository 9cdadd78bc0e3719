using MediaBib.Domain.Catalog;
using MediaBib.Domain.Items;
using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Infrastructure.Catalog.Import;

/// <summary>
/// PostgreSQL binary COPY of catalogue rows, with the column lists of the migrations (snake_case). Computed columns
/// (search_vector, title_normalized, name_normalized) and the items' xmin are never written. COPY bypasses EF, so the
/// caller stamps created_at/updated_at and writes the audit entry itself. Rows are written with the synchronous
/// <c>Write</c> (buffered; an async call per value costs more than the row), the COPY is opened and completed asynchronously.
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
            w.StartRow();
            w.Write(r.Id, NpgsqlDbType.Uuid);
            w.Write(r.Type.ToString(), NpgsqlDbType.Varchar);
            w.Write(r.Title, NpgsqlDbType.Varchar);
            Text(w, r.Subtitle);
            Text(w, r.Responsibility);
            Text(w, r.Isbn?.Value);
            Text(w, r.Issn);
            Int(w, r.PublicationYear);
            Text(w, r.Publisher);
            Text(w, r.PlaceOfPublication);
            Text(w, r.Edition);
            Text(w, r.Series);
            Text(w, r.Language);
            Text(w, r.PhysicalDescription);
            Text(w, r.Summary);
            Text(w, r.Classification);
            Text(w, r.CoverUrl);
            Text(w, r.ControlNumber);
            Text(w, r.MarcFlavour?.ToString());
            if (r.Marc is null)
            {
                w.WriteNull();
            }
            else
            {
                w.Write(r.Marc, NpgsqlDbType.Jsonb);
            }

            w.Write(r.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(r.UpdatedAt, NpgsqlDbType.TimestampTz);
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
                w.StartRow();
                w.Write(a.RecordId, NpgsqlDbType.Uuid);
                w.Write(a.Position, NpgsqlDbType.Integer);
                w.Write(a.AuthorId, NpgsqlDbType.Uuid);
                Text(w, a.Role);
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
                w.StartRow();
                w.Write(s.RecordId, NpgsqlDbType.Uuid);
                w.Write(s.SubjectId, NpgsqlDbType.Uuid);
            }
        }

        return await w.CompleteAsync(ct);
    }

    public static async Task CopyAuthorsAsync(NpgsqlConnection connection, string table, IEnumerable<Author> authors, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} (id, name, dates, is_corporate, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var a in authors)
        {
            w.StartRow();
            w.Write(a.Id, NpgsqlDbType.Uuid);
            w.Write(a.Name, NpgsqlDbType.Varchar);
            Text(w, a.Dates);
            w.Write(a.IsCorporate, NpgsqlDbType.Boolean);
            w.Write(a.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(a.UpdatedAt, NpgsqlDbType.TimestampTz);
        }

        await w.CompleteAsync(ct);
    }

    public static async Task CopySubjectsAsync(NpgsqlConnection connection, string table, IEnumerable<Subject> subjects, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} (id, label, kind, created_at, updated_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var s in subjects)
        {
            w.StartRow();
            w.Write(s.Id, NpgsqlDbType.Uuid);
            w.Write(s.Label, NpgsqlDbType.Varchar);
            w.Write(s.Kind.ToString(), NpgsqlDbType.Varchar);
            w.Write(s.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(s.UpdatedAt, NpgsqlDbType.TimestampTz);
        }

        await w.CompleteAsync(ct);
    }

    public static async Task CopyItemsAsync(NpgsqlConnection connection, string table, IEnumerable<Item> items, CancellationToken ct)
    {
        await using var w = await connection.BeginBinaryImportAsync($"COPY {table} ({ItemColumns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var i in items)
        {
            w.StartRow();
            w.Write(i.Id, NpgsqlDbType.Uuid);
            w.Write(i.RecordId, NpgsqlDbType.Uuid);
            w.Write(i.HomeLibraryId, NpgsqlDbType.Uuid);
            w.Write(i.CurrentLibraryId, NpgsqlDbType.Uuid);
            Guid(w, i.SectionId);
            Guid(w, i.ShelfId);
            w.Write(i.ItemTypeId, NpgsqlDbType.Uuid);
            w.Write(i.Barcode.Value, NpgsqlDbType.Varchar);
            Text(w, i.CallNumber);
            Text(w, i.InventoryNumber);
            w.Write(i.Status.ToString(), NpgsqlDbType.Varchar);
            w.Write(i.StatusChangedAt, NpgsqlDbType.TimestampTz);
            Text(w, i.Condition);
            if (i.Price is { } price)
            {
                w.Write(price, NpgsqlDbType.Numeric);
            }
            else
            {
                w.WriteNull();
            }

            if (i.AcquiredOn is { } acquired)
            {
                w.Write(acquired, NpgsqlDbType.Date);
            }
            else
            {
                w.WriteNull();
            }

            Text(w, i.RfidTag);
            w.Write(i.NotForLoan, NpgsqlDbType.Boolean);
            w.Write(i.CreatedAt, NpgsqlDbType.TimestampTz);
            w.Write(i.UpdatedAt, NpgsqlDbType.TimestampTz);
        }

        await w.CompleteAsync(ct);
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static void Int(NpgsqlBinaryImporter w, int? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            w.WriteNull();
        }
    }

    private static void Guid(NpgsqlBinaryImporter w, Guid? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Uuid);
        }
        else
        {
            w.WriteNull();
        }
    }
}
