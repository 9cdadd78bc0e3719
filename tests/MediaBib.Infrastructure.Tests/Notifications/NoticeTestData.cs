using MediaBib.Domain.Catalog;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Common;
using MediaBib.Domain.Items;
using MediaBib.Domain.Notifications;
using MediaBib.Domain.Patrons;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Notifications.Channels;
using MediaBib.Infrastructure.Notifications.Templates;
using MediaBib.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Infrastructure.Tests.Notifications;

/// <summary>Unique rows for one notice test: a library, a category, and patrons with late loans.</summary>
internal sealed class NoticeTestData(TestDatabase database)
{
    public Library Library { get; private set; } = null!;

    public PatronCategory Category { get; private set; } = null!;

    public ItemType ItemType { get; private set; } = null!;

    public async Task<NoticeTestData> CreateAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        Library = new Library(LibraryCode.From(Unique.Code("L")), "Médiathèque des Tilleuls");
        Library.UpdateContact(null, new Address("3 allée des Tilleuls", "37000", "Tours"), "02 47 00 00 00", "tilleuls@example.fr");
        Category = new PatronCategory(Unique.Code("C"), "Adulte");
        ItemType = new ItemType(Unique.Code("T"), "Livre");
        db.AddRange(Library, Category, ItemType);
        await db.SaveChangesAsync(ct);
        return this;
    }

    public async Task<Patron> PatronAsync(CancellationToken ct, string? email = "", string? phone = null, bool withAddress = true, DateOnly? expiresOn = null)
    {
        await using var db = database.CreateContext();
        var code = Unique.Code("P");
        var patron = new Patron(Library.Id, Category.Id, CardNumber.From(code), "Élodie", "Dupré" + code, expiresOn ?? new DateOnly(2030, 1, 1));
        patron.UpdateContact(null, email == "" ? $"{code.ToLowerInvariant()}@lecteurs.example" : email, phone,
            withAddress ? new Address($"{code} rue Voltaire", "37100", "Tours") : Address.Empty);
        db.Patrons.Add(patron);
        await db.SaveChangesAsync(ct);
        return patron;
    }

    public async Task<Loan> LateLoanAsync(Patron patron, string title, DateTime dueAt, CancellationToken ct, decimal? price = null)
    {
        await using var db = database.CreateContext();
        var record = new Record(RecordType.Book, title);
        var item = new Item(record.Id, Library.Id, ItemType.Id, Barcode.From(Unique.Barcode()));
        item.Describe(null, null, price, null, null);
        var loan = new Loan(item.Id, patron.Id, Library.Id, dueAt.AddDays(-21), dueAt);
        db.AddRange(record, item, loan);
        await db.SaveChangesAsync(ct);
        return loan;
    }

    /// <summary>A queued overdue reminder for <paramref name="patron"/> with one item.</summary>
    public async Task<Notice> QueueAsync(Patron patron, IReadOnlyList<NoticeChannel> channels, string title, CancellationToken ct, string templateKey = "overdue-1")
    {
        await using var db = database.CreateContext();
        var now = DateTime.UtcNow;
        var item = new NoticeItem(Guid.CreateVersion7(), Unique.Barcode(), title, Guid.CreateVersion7(), new DateTime(2026, 3, 5, 16, 0, 0, DateTimeKind.Utc), 18.9m);
        var notice = new Notice(patron.Id, Library.Id, NoticeKind.OverdueReminder, 1, channels, templateKey, [item],
            $"test:{Guid.NewGuid():N}", now.AddSeconds(-1));
        db.Notices.Add(notice);
        await db.SaveChangesAsync(ct);
        return notice;
    }

    public NoticeDispatcher Dispatcher(
        IEnumerable<INoticeChannelSender> senders, int maxAttempts = 3, TimeProvider? clock = null, int parallelism = 4, IEnumerable<INoticeSentObserver>? observers = null) =>
        new(database.Factory, senders, new NoticeTemplateRenderer(),
            Options.Create(new NoticeDispatchOptions
            {
                MaxAttemptsPerChannel = maxAttempts,
                RetryDelay = TimeSpan.FromMilliseconds(20),
                BatchSize = 10,
                Parallelism = parallelism,
            }),
            clock ?? TimeProvider.System, NullLogger<NoticeDispatcher>.Instance, observers);

    public static NoticePlanner Planner(TestDatabase database) =>
        new(database.Factory, new CirculationDesk(database.Factory, TimeProvider.System));

    public static SmtpEmailSender Smtp(int port) => new(Options.Create(new SmtpOptions
    {
        Host = "127.0.0.1",
        Port = port,
        Security = SmtpSecurity.None,
        FromAddress = "ne-pas-repondre@mediabib.example",
        FromName = "Médiathèque des Tilleuls",
        Timeout = TimeSpan.FromSeconds(10),
    }));
}

/// <summary>The system clock moved by a fixed offset (to reach a lease's end without waiting for it).</summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
