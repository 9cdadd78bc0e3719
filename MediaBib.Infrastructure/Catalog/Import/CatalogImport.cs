using System.Globalization;
using System.Threading.Channels;
using MediaBib.Domain.Audit;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Infrastructure.Audit;
using MediaBib.Infrastructure.Catalog.Marc;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Infrastructure.Catalog.Import;

/// <summary>
/// Imports a MARC file (ISO 2709 or XML, UNIMARC or MARC21) into the catalogue: records with their authors, subjects
/// and items, matched against existing records, in batches written with PostgreSQL binary COPY. Each batch is one
/// transaction with one <c>import</c> audit entry; malformed records are reported and the rest imports.
/// See README.md in this folder.
/// </summary>
public sealed class CatalogImport(IDbContextFactory<MediaBibDbContext> contexts, TimeProvider clock)
{
    /// <summary>
    /// Reads <paramref name="input"/> to the end. The stream is read synchronously by the codec: for an upload, copy
    /// it to a temporary file first. Counts are reported through <paramref name="progress"/> after every batch.
    /// </summary>
    public async Task<ImportReport> ImportAsync(
        Stream input, ImportOptions options, Actor actor, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);

        var report = new ImportReport(options.SourceName, options.MaxReportedProblems);
        var run = new Run(options, actor, report, await CodeTables.LoadAsync(contexts, options.Items, cancellationToken), progress);

        // Reading, parsing and mapping (here) overlap with writing the previous batch (the consumer): at most one batch
        // waits, so memory stays bounded by about three batches whatever the size of the file.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<Batch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in channel.Reader.ReadAllAsync(stop.Token))
                {
                    await FlushAsync(batch, run, stop.Token);
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }
        }, CancellationToken.None);

        try
        {
            var batch = new Batch(1);
            var sent = 0;
            foreach (var result in MarcInput.Read(input, options.Format, options.ForceEncoding))
            {
                stop.Token.ThrowIfCancellationRequested();
                report.CountRead();
                batch.LastRecordNumber = result.RecordNumber;
                if (result is MarcReadError error)
                {
                    batch.Rejected++;
                    report.Reject(ImportProblem.FromReadError(error));
                    continue;
                }

                var incoming = Prepare((MarcRecordRead)result, options, report, batch);
                if (incoming is null)
                {
                    continue;
                }

                if (batch.CollidesWith(incoming) || batch.Records.Count >= options.BatchSize)
                {
                    // A full batch, or a record with the same identifier as one in it: write it first, so the match
                    // query of the next batch finds what this one creates.
                    batch.LastRecordNumber = incoming.Read.RecordNumber - 1;
                    await channel.Writer.WriteAsync(batch, stop.Token);
                    sent++;
                    batch = new Batch(incoming.Read.RecordNumber);
                }

                batch.Add(incoming);
            }

            if (batch.Records.Count > 0 || batch.Rejected > 0 || sent == 0)
            {
                await channel.Writer.WriteAsync(batch, stop.Token);
            }

            channel.Writer.Complete();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The writer failed and cancelled reading: its exception is the one to see.
            channel.Writer.TryComplete();
        }
        catch (Exception e)
        {
            channel.Writer.TryComplete(e);
            await stop.CancelAsync();
            await Task.WhenAny(writer);
            throw;
        }

        await writer;
        report.SortProblems();
        return report;
    }

    private static Incoming? Prepare(MarcRecordRead read, ImportOptions options, ImportReport report, Batch batch)
    {
        var flavour = options.Flavour ?? MarcFlavourDetector.Detect(read.Record);
        var mapped = MarcMapper.Map(read.Record, flavour);
        if (mapped.Title is null)
        {
            Reject(new ImportProblem(ImportProblemReason.MissingTitle, read.RecordNumber, read.ByteOffset, null,
                ImportProblemReason.MissingTitle.ToCode(), flavour == MarcFlavour.Unimarc ? "no 200$a" : "no 245$a", mapped.ControlNumber));
            return null;
        }

        try
        {
            var record = new Record(mapped.Type, Fit(mapped.Title, Record.TitleMaxLength)!);
            Describe(record, mapped, keepExisting: false);
            record.AttachMarc(flavour, MarcJson.Serialize(read.Record), Fit(mapped.ControlNumber, 100));
            return new Incoming(read, mapped, flavour, record, MatchKeys(mapped, options.MatchOn));
        }
        catch (Exception e) when (e is ValidationException or MarcWriteException)
        {
            Reject(new ImportProblem(ImportProblemReason.InvalidRecord, read.RecordNumber, read.ByteOffset, null,
                ImportProblemReason.InvalidRecord.ToCode(), e.Message, mapped.ControlNumber));
            return null;
        }

        void Reject(ImportProblem problem)
        {
            batch.Rejected++;
            report.Reject(problem);
        }
    }

    /// <summary>Sets the mapped fields through the domain; with <paramref name="keepExisting"/> an empty incoming value keeps the record's.</summary>
    internal static void Describe(Record r, MappedRecord m, bool keepExisting)
    {
        string? Pick(string? incoming, string? current, int max) => Fit(incoming, max) ?? (keepExisting ? current : null);

        r.Retitle(Fit(m.Title, Record.TitleMaxLength) ?? r.Title, Pick(m.Subtitle, r.Subtitle, Record.TitleMaxLength));
        r.Describe(
            m.Type,
            Pick(m.Responsibility, r.Responsibility, 1000),
            ParseIsbn(m.Isbn) ?? (keepExisting ? r.Isbn : null),
            Pick(m.Issn, r.Issn, 9),
            m.Year ?? (keepExisting ? r.PublicationYear : null),
            Pick(m.Publisher, r.Publisher, 300),
            Pick(m.Place, r.PlaceOfPublication, 200),
            Pick(m.Edition, r.Edition, 200),
            Pick(m.Series, r.Series, 500),
            Pick(m.Language, r.Language, 3),
            Pick(m.PhysicalDescription, r.PhysicalDescription, 300),
            Pick(m.Summary, r.Summary, 10_000),
            Pick(m.Classification, r.Classification, 100));
    }

    private async Task FlushAsync(Batch batch, Run run, CancellationToken ct)
    {
        var options = run.Options;
        var now = clock.GetUtcNow().UtcDateTime;
        var problems = new List<ImportProblem>();
        var counts = new BatchCounts();

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Actor = run.Actor;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        // The batch's commit does not wait for its WAL to reach the disk (the next batches are written meanwhile). A
        // server crash can lose the last fraction of a second of committed batches, never part of one: the database
        // stays consistent and the same file imported again with the skip rule brings back what is missing.
        await BulkCopy.ExecuteAsync(connection, "SET LOCAL synchronous_commit = off", ct);

        // 1. Matches: one query for the whole batch.
        var matches = options.MatchOn == ImportMatch.None || batch.Records.Count == 0
            ? new Dictionary<string, Guid>(StringComparer.Ordinal)
            : await FindMatchesAsync(connection, batch, ct);
        var created = new List<Incoming>();
        var updated = new List<Incoming>();
        foreach (var incoming in batch.Records)
        {
            var key = incoming.Keys.FirstOrDefault(matches.ContainsKey);
            if (key is null)
            {
                created.Add(incoming);
                continue;
            }

            incoming.ExistingId = matches[key];
            if (options.OnMatch == MatchAction.Skip)
            {
                counts.Skipped++;
                problems.Add(new ImportProblem(ImportProblemReason.DuplicateRecord, incoming.Read.RecordNumber, incoming.Read.ByteOffset, null,
                    ImportProblemReason.DuplicateRecord.ToCode(), $"matches an existing record on {key[..key.IndexOf(':', StringComparison.Ordinal)]}",
                    key, incoming.ExistingId));
            }
            else
            {
                updated.Add(incoming);
            }
        }

        // 2. Authors and subjects: existing rows reused by name/label, missing ones created.
        var written = created.Concat(updated).ToList();
        var authors = await ResolveAuthorsAsync(db, connection, written.SelectMany(i => i.Mapped.Authors), now, counts, ct);
        var subjects = await ResolveSubjectsAsync(db, connection, written.SelectMany(i => i.Mapped.Subjects), now, counts, ct);

        foreach (var incoming in created)
        {
            var record = incoming.Record;
            AddAuthorsAndSubjects(record, incoming.Mapped, authors, subjects);
            record.StampCreated(now);
            incoming.TargetId = record.Id;
        }

        // 3. Matched records (Replace / Merge): loaded, changed through the domain, written back in bulk.
        var updatedRecords = new List<Record>();
        var authorsReplaced = new List<Guid>();
        if (updated.Count > 0)
        {
            var ids = updated.Select(u => u.ExistingId!.Value).Distinct().ToList();
            var existing = await db.Records.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
            var merge = options.OnMatch == MatchAction.Merge;
            foreach (var incoming in updated)
            {
                var record = existing[incoming.ExistingId!.Value];
                if (updatedRecords.Contains(record))
                {
                    // Two incoming records matched the same existing one: the second is a duplicate in the file.
                    counts.Skipped++;
                    problems.Add(new ImportProblem(ImportProblemReason.DuplicateRecord, incoming.Read.RecordNumber, incoming.Read.ByteOffset, null,
                        ImportProblemReason.DuplicateRecord.ToCode(), "matches a record already updated by this batch", incoming.Keys.FirstOrDefault(), record.Id));
                    continue;
                }

                Describe(record, incoming.Mapped, keepExisting: merge);
                var marc = merge ? MergeMarc(record.Marc, incoming.Read.Record) : incoming.Read.Record;
                record.AttachMarc(incoming.Flavour, MarcJson.Serialize(marc), Fit(incoming.Mapped.ControlNumber, 100) ?? (merge ? record.ControlNumber : null));
                if (!merge || incoming.Mapped.Authors.Count > 0)
                {
                    authorsReplaced.Add(record.Id);
                    record.ClearAuthors();
                    AddAuthorsAndSubjects(record, incoming.Mapped with { Subjects = [] }, authors, subjects);
                }

                record.ClearSubjects();
                AddAuthorsAndSubjects(record, incoming.Mapped with { Authors = [] }, authors, subjects);
                record.StampUpdated(now);
                incoming.TargetId = record.Id;
                updatedRecords.Add(record);
                if (merge)
                {
                    counts.Merged++;
                }
                else
                {
                    counts.Replaced++;
                }
            }
        }

        // 4. Items of created and updated records.
        var items = BuildItems(written.Where(i => i.TargetId is not null), run.Codes, now, problems, counts);

        // 5. Write.
        await BulkCopy.CopyRecordsAsync(connection, "records", [.. created.Select(c => c.Record)], ct);
        if (updatedRecords.Count > 0)
        {
            await BulkCopy.ExecuteAsync(connection, string.Format(CultureInfo.InvariantCulture, BulkCopy.RecordTempTable, "import_records"), ct);
            await BulkCopy.CopyRecordsAsync(connection, "import_records", updatedRecords, ct);
            await BulkCopy.ExecuteAsync(connection, """
                UPDATE records r SET type = t.type, title = t.title, subtitle = t.subtitle, responsibility = t.responsibility,
                  isbn = t.isbn, issn = t.issn, publication_year = t.publication_year, publisher = t.publisher,
                  place_of_publication = t.place_of_publication, edition = t.edition, series = t.series, language = t.language,
                  physical_description = t.physical_description, summary = t.summary, classification = t.classification,
                  control_number = t.control_number, marc_flavour = t.marc_flavour, marc = t.marc, updated_at = t.updated_at
                FROM import_records t WHERE r.id = t.id
                """, ct);
            await DeleteLinksAsync(connection, "record_author", authorsReplaced, ct);
            if (options.OnMatch == MatchAction.Replace)
            {
                await DeleteLinksAsync(connection, "record_subject", [.. updatedRecords.Select(r => r.Id)], ct);
            }
        }

        await BulkCopy.CopyRecordAuthorsAsync(connection, created.Select(c => c.Record).Concat(updatedRecords), ct);
        await BulkCopy.CopyRecordSubjectsAsync(connection, "record_subject", created.Select(c => c.Record), ct);
        if (updatedRecords.Count > 0)
        {
            await BulkCopy.ExecuteAsync(connection, "CREATE TEMP TABLE import_record_subject (record_id uuid, subject_id uuid) ON COMMIT DROP", ct);
            await BulkCopy.CopyRecordSubjectsAsync(connection, "import_record_subject", updatedRecords, ct);
            await BulkCopy.ExecuteAsync(connection,
                "INSERT INTO record_subject (record_id, subject_id) SELECT record_id, subject_id FROM import_record_subject ON CONFLICT DO NOTHING", ct);
        }

        await InsertItemsAsync(connection, transaction, items, problems, counts, ct);

        // 6. One audit entry for the batch, in the same transaction.
        run.Batches++;
        var rejected = batch.Rejected;
        var itemsCreated = items.Count - counts.ItemsRefused;
        db.RecordAction(AuditAction.Import, null,
            string.Create(CultureInfo.InvariantCulture,
                $"Import MARC {options.SourceName ?? "(flux)"}, lot {run.Batches} : {created.Count} notices créées, {counts.Replaced} remplacées, {counts.Merged} fusionnées, {counts.Skipped} doublons, {rejected} rejetées, {itemsCreated} exemplaires"),
            details: new
            {
                file = options.SourceName,
                batch = run.Batches,
                firstRecord = batch.FirstRecordNumber,
                lastRecord = batch.LastRecordNumber,
                created = created.Count,
                replaced = counts.Replaced,
                merged = counts.Merged,
                skipped = counts.Skipped,
                rejected,
                itemsCreated,
                itemsNotCreated = counts.ItemsNotCreated,
                authorsCreated = counts.AuthorsCreated,
                subjectsCreated = counts.SubjectsCreated,
                match = options.MatchOn.ToString(),
                onMatch = options.OnMatch.ToString(),
            });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var report = run.Report;
        report.AddWritten(created.Count, counts.Replaced, counts.Merged, counts.Skipped, itemsCreated, counts.ItemsNotCreated,
            counts.AuthorsCreated, counts.SubjectsCreated, problems,
            options.ListWrittenRecords ? written.Where(i => i.TargetId is not null).Select(i => new ImportedRecord(i.Read.RecordNumber, i.TargetId!.Value)) : null);
        run.Progress?.Report(report.Progress);
    }

    private static void AddAuthorsAndSubjects(
        Record record, MappedRecord mapped, Dictionary<(string, string?), Author> authors, Dictionary<(string, SubjectKind), Subject> subjects)
    {
        foreach (var a in mapped.Authors)
        {
            record.AddAuthor(authors[AuthorKey(a)], Fit(a.Role, 16));
        }

        foreach (var s in mapped.Subjects)
        {
            record.AddSubject(subjects[SubjectKey(s)]);
        }
    }

    private static async Task<Dictionary<string, Guid>> FindMatchesAsync(NpgsqlConnection connection, Batch batch, CancellationToken ct)
    {
        static string[] Values(Batch b, string prefix) =>
            [.. b.Records.SelectMany(r => r.Keys).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]).Distinct()];

        await using var command = new NpgsqlCommand(
            // Plain column comparisons, so each side of the OR uses its index (an upper(issn) there would scan the table).
            "SELECT id, control_number, isbn, upper(issn) FROM records WHERE control_number = ANY(@cn) OR isbn = ANY(@isbn) OR issn = ANY(@issn) ORDER BY id",
            connection);
        command.Parameters.Add(new NpgsqlParameter("cn", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = Values(batch, "cn:") });
        command.Parameters.Add(new NpgsqlParameter("isbn", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = Values(batch, "isbn:") });
        var issns = Values(batch, "issn:");
        command.Parameters.Add(new NpgsqlParameter("issn", NpgsqlDbType.Array | NpgsqlDbType.Varchar)
        {
            Value = issns.Concat(issns.Select(i => i.ToLowerInvariant())).Distinct().ToArray(),   // check digit x or X
        });
        var found = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            for (var column = 1; column <= 3; column++)
            {
                if (!await reader.IsDBNullAsync(column, ct))
                {
                    var prefix = column switch { 1 => "cn:", 2 => "isbn:", _ => "issn:" };
                    found.TryAdd(prefix + reader.GetString(column), id);
                }
            }
        }

        return found;
    }

    private static async Task<Dictionary<(string, string?), Author>> ResolveAuthorsAsync(
        MediaBibDbContext db, NpgsqlConnection connection, IEnumerable<MappedAuthor> wanted, DateTime now, BatchCounts counts, CancellationToken ct)
    {
        var keys = wanted.DistinctBy(AuthorKey).ToList();
        var result = new Dictionary<(string, string?), Author>();
        if (keys.Count == 0)
        {
            return result;
        }

        async Task LoadAsync(IEnumerable<string> names)
        {
            var list = names.Distinct().ToList();
            foreach (var author in await db.Authors.AsNoTracking().Where(a => list.Contains(a.Name)).ToListAsync(ct))
            {
                result.TryAdd((author.Name, author.Dates), author);
            }
        }

        await LoadAsync(keys.Select(k => AuthorKey(k).Name));
        var missing = keys.Where(k => !result.ContainsKey(AuthorKey(k)))
            .Select(k =>
            {
                var (name, dates) = AuthorKey(k);
                var author = new Author(name, dates, k.IsCorporate);
                author.StampCreated(now);
                return author;
            })
            .OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Dates, StringComparer.Ordinal)
            .ToList();
        if (missing.Count == 0)
        {
            return result;
        }

        await BulkCopy.ExecuteAsync(connection,
            "CREATE TEMP TABLE import_authors (id uuid, name varchar(300), dates varchar(50), is_corporate boolean, created_at timestamptz, updated_at timestamptz) ON COMMIT DROP", ct);
        await BulkCopy.CopyAuthorsAsync(connection, "import_authors", missing, ct);
        var inserted = await InsertReturningIdsAsync(connection, """
            INSERT INTO authors (id, name, dates, is_corporate, created_at, updated_at)
            SELECT id, name, dates, is_corporate, created_at, updated_at FROM import_authors ORDER BY name, dates
            ON CONFLICT (name, dates) DO NOTHING RETURNING id
            """, ct);
        counts.AuthorsCreated += inserted.Count;
        foreach (var author in missing.Where(a => inserted.Contains(a.Id)))
        {
            result[(author.Name, author.Dates)] = author;
        }

        // Created meanwhile by another import: take theirs.
        var lost = missing.Where(a => !inserted.Contains(a.Id)).ToList();
        if (lost.Count > 0)
        {
            await LoadAsync(lost.Select(a => a.Name));
        }

        return result;
    }

    private static async Task<Dictionary<(string, SubjectKind), Subject>> ResolveSubjectsAsync(
        MediaBibDbContext db, NpgsqlConnection connection, IEnumerable<MappedSubject> wanted, DateTime now, BatchCounts counts, CancellationToken ct)
    {
        var keys = wanted.Select(SubjectKey).Distinct().ToList();
        var result = new Dictionary<(string, SubjectKind), Subject>();
        if (keys.Count == 0)
        {
            return result;
        }

        async Task LoadAsync(IEnumerable<string> labels)
        {
            var list = labels.Distinct().ToList();
            foreach (var subject in await db.Subjects.AsNoTracking().Where(s => list.Contains(s.Label)).ToListAsync(ct))
            {
                result.TryAdd((subject.Label, subject.Kind), subject);
            }
        }

        await LoadAsync(keys.Select(k => k.Label));
        var missing = keys.Where(k => !result.ContainsKey(k))
            .Select(k =>
            {
                var subject = new Subject(k.Label, k.Kind);
                subject.StampCreated(now);
                return subject;
            })
            .OrderBy(s => s.Label, StringComparer.Ordinal).ThenBy(s => s.Kind)
            .ToList();
        if (missing.Count == 0)
        {
            return result;
        }

        await BulkCopy.ExecuteAsync(connection,
            "CREATE TEMP TABLE import_subjects (id uuid, label varchar(300), kind varchar(16), created_at timestamptz, updated_at timestamptz) ON COMMIT DROP", ct);
        await BulkCopy.CopySubjectsAsync(connection, "import_subjects", missing, ct);
        var inserted = await InsertReturningIdsAsync(connection, """
            INSERT INTO subjects (id, label, kind, created_at, updated_at)
            SELECT id, label, kind, created_at, updated_at FROM import_subjects ORDER BY label, kind
            ON CONFLICT (label, kind) DO NOTHING RETURNING id
            """, ct);
        counts.SubjectsCreated += inserted.Count;
        foreach (var subject in missing.Where(s => inserted.Contains(s.Id)))
        {
            result[(subject.Label, subject.Kind)] = subject;
        }

        var lost = missing.Where(s => !inserted.Contains(s.Id)).ToList();
        if (lost.Count > 0)
        {
            await LoadAsync(lost.Select(s => s.Label));
        }

        return result;
    }

    private static async Task<HashSet<Guid>> InsertReturningIdsAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private static async Task DeleteLinksAsync(NpgsqlConnection connection, string table, List<Guid> recordIds, CancellationToken ct)
    {
        if (recordIds.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand($"DELETE FROM {table} WHERE record_id = ANY(@ids)", connection);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = recordIds.ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }

    private static List<PendingItem> BuildItems(IEnumerable<Incoming> records, CodeTables codes, DateTime now, List<ImportProblem> problems, BatchCounts counts)
    {
        var items = new List<PendingItem>();
        var barcodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var incoming in records)
        {
            foreach (var mapped in incoming.Mapped.Items)
            {
                void Refuse(ImportProblemReason reason, string detail, string? key)
                {
                    counts.ItemsNotCreated++;
                    problems.Add(new ImportProblem(reason, incoming.Read.RecordNumber, incoming.Read.ByteOffset, null, reason.ToCode(),
                        detail, key, incoming.TargetId));
                }

                if (mapped.Barcode is null)
                {
                    Refuse(ImportProblemReason.ItemBarcodeMissing, $"{mapped.Tag} without barcode", mapped.CallNumber);
                    continue;
                }

                if (!Barcode.TryFrom(mapped.Barcode, out var barcode))
                {
                    Refuse(ImportProblemReason.ItemBarcodeInvalid, $"{mapped.Tag} barcode '{mapped.Barcode}' is not 1-32 letters, digits or dashes", mapped.Barcode);
                    continue;
                }

                if (codes.Library(mapped) is not { } library)
                {
                    Refuse(ImportProblemReason.ItemLibraryUnknown,
                        $"{mapped.Tag} library '{mapped.Owner ?? "-"}' / '{mapped.HoldingLibrary ?? "-"}' is not mapped and there is no default library",
                        mapped.Owner ?? mapped.HoldingLibrary);
                    continue;
                }

                if (codes.ItemType(mapped) is not { } type)
                {
                    Refuse(ImportProblemReason.ItemTypeUnknown,
                        $"{mapped.Tag} document type '{mapped.DocumentType ?? "-"}' is not mapped and there is no default type", mapped.DocumentType);
                    continue;
                }

                if (!barcodes.Add(barcode.Value))
                {
                    Refuse(ImportProblemReason.ItemBarcodeExists, "barcode already used by another item of the file", barcode.Value);
                    continue;
                }

                var item = new Item(incoming.TargetId!.Value, library, type, barcode);
                item.Place(null, null, Fit(mapped.CallNumber, 100));
                item.Describe(Fit(mapped.InventoryNumber, 50), null, null, null, null);
                item.SetStatus(ItemStatus.Available, now);
                item.StampCreated(now);
                items.Add(new PendingItem(item, incoming));
            }
        }

        return items;
    }

    /// <summary>
    /// Items are copied straight into <c>items</c>; when a barcode already exists (the unique index refuses the COPY),
    /// the batch's items go again through a temporary table with ON CONFLICT DO NOTHING, and the refused ones are reported.
    /// </summary>
    private static async Task InsertItemsAsync(
        NpgsqlConnection connection, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, List<PendingItem> items,
        List<ImportProblem> problems, BatchCounts counts, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return;
        }

        await transaction.CreateSavepointAsync("import_items", ct);
        try
        {
            await BulkCopy.CopyItemsAsync(connection, "items", items.Select(i => i.Item), ct);
            await transaction.ReleaseSavepointAsync("import_items", ct);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackToSavepointAsync("import_items", ct);
        }

        await BulkCopy.ExecuteAsync(connection, "CREATE TEMP TABLE import_items (LIKE items) ON COMMIT DROP", ct);
        await BulkCopy.CopyItemsAsync(connection, "import_items", items.Select(i => i.Item), ct);
        var inserted = await InsertReturningIdsAsync(connection,
            $"INSERT INTO items ({BulkCopy.ItemColumns}) SELECT {BulkCopy.ItemColumns} FROM import_items ON CONFLICT (barcode) DO NOTHING RETURNING id", ct);
        var refused = items.Where(i => !inserted.Contains(i.Item.Id)).ToList();
        if (refused.Count == 0)
        {
            return;
        }

        var owners = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT barcode, record_id FROM items WHERE barcode = ANY(@b)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Varchar) { Value = refused.Select(i => i.Item.Barcode.Value).ToArray() });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                owners[reader.GetString(0)] = reader.GetGuid(1);
            }
        }

        foreach (var (item, incoming) in refused)
        {
            counts.ItemsNotCreated++;
            counts.ItemsRefused++;
            problems.Add(new ImportProblem(ImportProblemReason.ItemBarcodeExists, incoming.Read.RecordNumber, incoming.Read.ByteOffset, null,
                ImportProblemReason.ItemBarcodeExists.ToCode(), "an item with this barcode already exists", item.Barcode.Value,
                owners.TryGetValue(item.Barcode.Value, out var owner) ? owner : null));
        }
    }

    /// <summary>The incoming record, plus the existing record's fields whose tags the incoming lacks (in tag order).</summary>
    internal static MarcRecord MergeMarc(string? existingJson, MarcRecord incoming)
    {
        if (existingJson is null)
        {
            return incoming;
        }

        var existing = MarcJson.Deserialize(existingJson);
        var merged = new MarcRecord(incoming.Leader, incoming.Fields);
        var tags = incoming.Fields.Select(f => f.Tag).ToHashSet(StringComparer.Ordinal);
        foreach (var field in existing.Fields.Where(f => !tags.Contains(f.Tag)))
        {
            var at = merged.Fields.FindIndex(f => string.CompareOrdinal(f.Tag, field.Tag) > 0);
            merged.Fields.Insert(at < 0 ? merged.Fields.Count : at, field);
        }

        return merged;
    }

    private static List<string> MatchKeys(MappedRecord m, ImportMatch match)
    {
        var keys = new List<string>(4);
        if (match.HasFlag(ImportMatch.ControlNumber) && Fit(m.ControlNumber, 100) is { } cn)
        {
            keys.Add("cn:" + cn);
        }

        if (match.HasFlag(ImportMatch.Isbn) && ParseIsbn(m.Isbn) is { } isbn)
        {
            keys.Add("isbn:" + isbn.Value);
            var isbn13 = isbn.ToIsbn13();
            if (isbn13 != isbn.Value)
            {
                keys.Add("isbn:" + isbn13);
            }
            else if (isbn13.StartsWith("978", StringComparison.Ordinal))
            {
                keys.Add("isbn:" + Isbn10(isbn13));
            }
        }

        if (match.HasFlag(ImportMatch.Issn) && Fit(m.Issn, 9) is { } issn)
        {
            keys.Add("issn:" + issn.ToUpperInvariant());
        }

        return keys;
    }

    /// <summary>The stored forms of an ISBN (as parsed, ISBN-13 and, for 978, ISBN-10): what import matching compares.</summary>
    internal static IReadOnlyList<string> IsbnForms(string? raw)
    {
        if (ParseIsbn(raw) is not { } isbn)
        {
            return [];
        }

        var isbn13 = isbn.ToIsbn13();
        return isbn13 != isbn.Value ? [isbn.Value, isbn13]
            : isbn13.StartsWith("978", StringComparison.Ordinal) ? [isbn13, Isbn10(isbn13)] : [isbn13];
    }

    private static string Isbn10(string isbn13)
    {
        var stem = isbn13.Substring(3, 9);
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (stem[i] - '0') * (10 - i);
        }

        var check = (11 - sum % 11) % 11;
        return stem + (check == 10 ? "X" : check.ToString(CultureInfo.InvariantCulture));
    }

    private static Isbn? ParseIsbn(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        try
        {
            return Isbn.From(raw);
        }
        catch (ValidationException)
        {
            return null;
        }
    }

    private static (string Name, string? Dates) AuthorKey(MappedAuthor a) => (Fit(a.Name, 300)!, Fit(a.Dates, 50));

    private static (string Label, SubjectKind Kind) SubjectKey(MappedSubject s) => (Fit(s.Label, 300)!, s.Kind);

    /// <summary>Cuts to the column's length (the full value stays in the stored MARC record) and trims; null when empty.</summary>
    internal static string? Fit(string? value, int max)
    {
        if (value is null)
        {
            return null;
        }

        var text = (value.Length > max ? value[..max] : value).Trim();
        return text.Length == 0 ? null : text;
    }

    private sealed record PendingItem(Item Item, Incoming Incoming);

    private sealed class Incoming(MarcRecordRead read, MappedRecord mapped, MarcFlavour flavour, Record record, List<string> keys)
    {
        public MarcRecordRead Read { get; } = read;

        public MappedRecord Mapped { get; } = mapped;

        public MarcFlavour Flavour { get; } = flavour;

        /// <summary>The new record, used when nothing matches.</summary>
        public Record Record { get; } = record;

        public List<string> Keys { get; } = keys;

        public Guid? ExistingId { get; set; }

        /// <summary>The record the items go to, once decided (null for skipped records).</summary>
        public Guid? TargetId { get; set; }
    }

    private sealed class Batch(long firstRecordNumber)
    {
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public List<Incoming> Records { get; } = [];

        public long FirstRecordNumber { get; } = firstRecordNumber;

        public long LastRecordNumber { get; set; }

        /// <summary>Records of the file between the first and the last that were rejected.</summary>
        public long Rejected { get; set; }

        public bool CollidesWith(Incoming incoming) => incoming.Keys.Any(_keys.Contains);

        public void Add(Incoming incoming)
        {
            Records.Add(incoming);
            _keys.UnionWith(incoming.Keys);
        }
    }

    private sealed class BatchCounts
    {
        public long Replaced { get; set; }

        public long Merged { get; set; }

        public long Skipped { get; set; }

        public long ItemsNotCreated { get; set; }

        /// <summary>Items built but refused by the database (existing barcode).</summary>
        public int ItemsRefused { get; set; }

        public long AuthorsCreated { get; set; }

        public long SubjectsCreated { get; set; }
    }

    private sealed class Run(ImportOptions options, Actor actor, ImportReport report, CodeTables codes, IProgress<ImportProgress>? progress)
    {
        public ImportOptions Options { get; } = options;

        public Actor Actor { get; } = actor;

        public ImportReport Report { get; } = report;

        public CodeTables Codes { get; } = codes;

        public IProgress<ImportProgress>? Progress { get; } = progress;

        public int Batches { get; set; }
    }
}
