using System.Text.Json;
using MediaBib.Domain.Catalog;
using MediaBib.Domain.Common;
using MediaBib.Domain.Holds;
using MediaBib.Domain.Items;
using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Jobs;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Infrastructure.Tests.Notifications;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Record = MediaBib.Domain.Catalog.Record;

namespace MediaBib.Infrastructure.Tests.Jobs;

/// <summary>
/// The hold.waiting subscriber, wired as the web app wires it but with no SMTP server configured: the email notice
/// has no channel, so it falls back to a letter, which is sent into the print queue.
/// </summary>
public sealed class HoldWaitingNoticeTriggerTests(TestDatabase database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HoldWaitingEvent_NoSmtpConfigured_QueuesEmailThenFallsBackToASentLetter()
    {
        // Arrange: the real services with an empty Notices:Smtp section, and a hold just put on the shelf.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Db"] = database.ConnectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration)
            .AddNotices(configuration).AddJobServices(configuration).BuildServiceProvider();
        var trigger = Assert.Single(services.GetServices<IEventSubscriber>().OfType<HoldWaitingNoticeTrigger>());

        var data = await new NoticeTestData(database).CreateAsync(Ct);
        var patron = await data.PatronAsync(Ct);
        var title = Unique.Code("Le Petit Prince ");
        var deadline = new DateOnly(2031, 3, 14);
        Guid holdId;
        await using (var db = database.CreateContext())
        {
            var record = new Record(RecordType.Book, title);
            var item = new Item(record.Id, data.Library.Id, data.ItemType.Id, Barcode.From(Unique.Barcode()));
            var hold = new Hold(record.Id, patron.Id, data.Library.Id, DateTime.UtcNow.AddDays(-3));
            hold.MarkWaiting(item.Id, DateTime.UtcNow, deadline);
            db.AddRange(record, item, hold);
            await db.SaveChangesAsync(Ct);
            holdId = hold.Id;
        }

        var outboxEvent = await ReadHoldWaitingEventAsync(holdId);

        // Act
        await trigger.HandleAsync(outboxEvent, Ct);
        await trigger.HandleAsync(outboxEvent, Ct); // a second node, or the event seen twice: no second notice

        // Assert
        await using var check = database.CreateContext();
        var notices = await check.Notices.AsNoTracking().Where(n => n.PatronId == patron.Id).ToListAsync(Ct);
        Assert.Equal(2, notices.Count);
        var email = Assert.Single(notices, n => n.Channel == NoticeChannel.Email);
        var letter = Assert.Single(notices, n => n.Channel == NoticeChannel.Letter);
        Assert.Equal(NoticeKind.HoldReady, email.Kind);
        Assert.Equal(NoticeStatus.FellBack, email.Status);
        Assert.Contains("Aucun envoi configuré pour le canal email", email.LastError, StringComparison.Ordinal);
        Assert.Equal(NoticeStatus.Sent, letter.Status);
        Assert.Equal(email.Id, letter.FallbackOfId);
        Assert.Contains(title, letter.Body, StringComparison.Ordinal);
        Assert.Contains("à retirer avant le 14/03/2031", letter.Body, StringComparison.Ordinal);
    }

    private async Task<OutboxEvent> ReadHoldWaitingEventAsync(Guid holdId)
    {
        await using var db = database.CreateContext();
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.Type == Domain.Holds.HoldWaiting.EventType).ToListAsync(Ct);
        var message = Assert.Single(messages, m => m.Payload.Contains(holdId.ToString(), StringComparison.Ordinal));
        using var payload = JsonDocument.Parse(message.Payload);
        return new OutboxEvent(message.Id, message.OccurredAt, message.Type, payload.RootElement.Clone());
    }
}
