using System.Text.Json;
using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Notifications.Channels;
using MediaBib.Infrastructure.Notifications.Letters;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MediaBib.Infrastructure.Tests.Notifications;

public sealed class EmailDispatchTests(TestDatabase database, SmtpCapture smtp) : IClassFixture<SmtpCapture>
{
    [Fact]
    public async Task Dispatch_QueuedOverdueEmail_ArrivesWithFrenchSubjectTextAndHtmlParts()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        var patron = await data.PatronAsync(ct);
        var notice = await data.QueueAsync(patron, [NoticeChannel.Email], "L'Écume des jours <édition poche>", ct);
        var dispatcher = data.Dispatcher([NoticeTestData.Smtp(smtp.Port)]);

        var summary = await dispatcher.DispatchForPatronsAsync([patron.Id], ct);

        Assert.Equal(1, summary.Sent);
        var message = Assert.Single(smtp.MessagesTo(patron.Email!));
        Assert.Equal("Médiathèque des Tilleuls : documents en retard (1er rappel)", message.Subject);
        Assert.Equal("ne-pas-repondre@mediabib.example", message.From.Mailboxes.Single().Address);
        Assert.Contains($"Bonjour Élodie {patron.LastName},", message.TextBody);
        Assert.Contains($"- L'Écume des jours <édition poche> (code-barres {notice.Items[0].Barcode}), à rendre le 05/03/2026", message.TextBody);
        Assert.Contains("valeur 18,90\u00A0€", message.TextBody);
        // The title is HTML-encoded in the HTML part: a "<" in a title cannot open a tag.
        Assert.DoesNotContain("<édition", message.HtmlBody);
        Assert.Contains("poche&gt;</strong>", message.HtmlBody);
        await using var db = database.CreateContext();
        var stored = await db.Notices.SingleAsync(n => n.Id == notice.Id, ct);
        Assert.Equal(NoticeStatus.Sent, stored.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(patron.Email, stored.Recipient);
        Assert.Equal(message.MessageId, stored.ProviderReference);
        Assert.Contains(await db.AuditEntries.Where(a => a.ObjectId == notice.Id).Select(a => a.Action).ToListAsync(ct), a => a == "notice_sent");
    }

    [Fact]
    public async Task Dispatch_SmtpServerDown_RetriesThenFallsBackToSmsOnTheGateway()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        var patron = await data.PatronAsync(ct, phone: "06 12 34 56 78");
        var notice = await data.QueueAsync(patron, [NoticeChannel.Email, NoticeChannel.Sms, NoticeChannel.Letter], "Vingt mille lieues sous les mers", ct);
        await using var gateway = new SmsGatewayStandIn();
        var sms = new HttpSmsSender(new HttpClient(), Options.Create(new HttpSmsOptions
        {
            Url = gateway.Url,
            TokenHeader = "X-Api-Key",
            Token = "secret-token",
            BodyTemplate = """{"destinataire":"{to}","message":"{text}","expediteur":"{sender}"}""",
            Sender = "TILLEULS",
        }));
        // Nothing listens on this port: every SMTP attempt is refused.
        var dispatcher = data.Dispatcher([NoticeTestData.Smtp(SmtpCapture.FreePort()), sms, new LetterSender()], maxAttempts: 3);

        var summary = await dispatcher.DispatchForPatronsAsync([patron.Id], ct);

        Assert.Equal((1, 1, 0), (summary.Sent, summary.FellBack, summary.Failed));
        await using var db = database.CreateContext();
        var chain = await db.Notices.Where(n => n.PatronId == patron.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        Assert.Equal(2, chain.Count);
        Assert.Equal((NoticeChannel.Email, NoticeStatus.FellBack, 3), (chain[0].Channel, chain[0].Status, chain[0].Attempts));
        Assert.Contains("Serveur SMTP injoignable", chain[0].LastError);
        Assert.Equal((NoticeChannel.Sms, NoticeStatus.Sent, notice.Id), (chain[1].Channel, chain[1].Status, chain[1].FallbackOfId));
        Assert.Equal([NoticeChannel.Letter], chain[1].FallbackChannels);
        var (body, token) = Assert.Single(gateway.Received);
        Assert.Equal("secret-token", token);
        Assert.Equal("+33612345678", body.RootElement.GetProperty("destinataire").GetString());
        Assert.Equal("TILLEULS", body.RootElement.GetProperty("expediteur").GetString());
        Assert.Equal("Médiathèque des Tilleuls : 1 document(s) en retard, à rendre au plus vite. Merci !",
            body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Dispatch_TwoDispatchersAtOnce_SendEachNoticeExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        var patrons = new List<Domain.Patrons.Patron>();
        for (var i = 0; i < 6; i++)
        {
            var patron = await data.PatronAsync(ct);
            await data.QueueAsync(patron, [NoticeChannel.Email], $"Titre {i}", ct);
            patrons.Add(patron);
        }

        var ids = patrons.Select(p => p.Id).ToList();
        var first = data.Dispatcher([NoticeTestData.Smtp(smtp.Port)]);
        var second = data.Dispatcher([NoticeTestData.Smtp(smtp.Port)]);

        var results = await Task.WhenAll(
            Task.Run(() => first.DispatchForPatronsAsync(ids, ct), ct),
            Task.Run(() => second.DispatchForPatronsAsync(ids, ct), ct));

        Assert.Equal(6, results.Sum(r => r.Sent));
        Assert.All(patrons, p => Assert.Single(smtp.MessagesTo(p.Email!)));
        await using var db = database.CreateContext();
        Assert.All(await db.Notices.Where(n => ids.Contains(n.PatronId)).ToListAsync(ct),
            n => Assert.Equal((NoticeStatus.Sent, 1), (n.Status, n.Attempts)));
    }

    [Fact]
    public async Task Dispatch_NoticeLeftSendingByACrash_IsSentOnceAfterItsLeaseEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        var patron = await data.PatronAsync(ct);
        var notice = await data.QueueAsync(patron, [NoticeChannel.Email], "Le Comte de Monte-Cristo", ct);
        await using (var crashed = database.CreateContext())
        {
            // A dispatcher claimed it (5-minute lease) and died before sending.
            var claimed = await crashed.Notices.SingleAsync(n => n.Id == notice.Id, ct);
            claimed.Claim(DateTime.UtcNow, TimeSpan.FromMinutes(5));
            await crashed.SaveChangesAsync(ct);
        }

        var duringLease = await data.Dispatcher([NoticeTestData.Smtp(smtp.Port)]).DispatchForPatronsAsync([patron.Id], ct);
        var afterLease = await data.Dispatcher([NoticeTestData.Smtp(smtp.Port)], clock: new ShiftedClock(TimeSpan.FromMinutes(6)))
            .DispatchForPatronsAsync([patron.Id], ct);
        var again = await data.Dispatcher([NoticeTestData.Smtp(smtp.Port)], clock: new ShiftedClock(TimeSpan.FromMinutes(30)))
            .DispatchForPatronsAsync([patron.Id], ct);

        Assert.Equal((0, 1, 0), (duringLease.Sent, afterLease.Sent, again.Sent));
        Assert.Single(smtp.MessagesTo(patron.Email!));
    }

    [Fact]
    public async Task Dispatch_PatronWithoutEmail_FallsBackToLetterWithoutTryingSmtp()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = await new NoticeTestData(database).CreateAsync(ct);
        var patron = await data.PatronAsync(ct, email: null);
        await data.QueueAsync(patron, [NoticeChannel.Email, NoticeChannel.Letter], "Les Misérables", ct);

        await data.Dispatcher([NoticeTestData.Smtp(SmtpCapture.FreePort()), new LetterSender()]).DispatchForPatronsAsync([patron.Id], ct);

        await using var db = database.CreateContext();
        var chain = await db.Notices.Where(n => n.PatronId == patron.Id).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        Assert.Equal((NoticeStatus.FellBack, 0), (chain[0].Status, chain[0].Attempts));
        Assert.Equal("Pas d'adresse pour le canal email.", chain[0].LastError);
        Assert.Equal((NoticeChannel.Letter, NoticeStatus.Sent, LetterSender.PrintQueue), (chain[1].Channel, chain[1].Status, chain[1].ProviderReference));
        Assert.Contains("Les Misérables", chain[1].Body);
    }

    [Fact]
    public void SmtpOptions_MissingHost_NamesTheVariableToSet()
    {
        var problem = new SmtpOptions { Host = "", FromAddress = "a@b.fr" }.Problem();

        Assert.Equal("Email notices need an SMTP server: set Notices__Smtp__Host (for example smtp.example.fr).", problem);
        Assert.Null(new SmtpOptions { Host = "smtp.example.fr", FromAddress = "a@b.fr" }.Problem());
        Assert.Contains("Notices__Smtp__FromAddress", new SmtpOptions { Host = "h", FromAddress = "pas une adresse" }.Problem());
    }

    [Fact]
    public void HttpSmsOptions_BodyTemplateNotJson_IsRefusedWithTheVariableName()
    {
        var problem = new HttpSmsOptions { Url = "http://127.0.0.1/sms", BodyTemplate = "{\"to\": {to}}" }.Problem();

        Assert.StartsWith("Notices__Sms__BodyTemplate is not valid JSON", problem);
        Assert.Null(new HttpSmsOptions { Url = "http://127.0.0.1/sms" }.Problem());
        JsonDocument.Parse(HttpSmsSender.FillBody(new HttpSmsOptions().BodyTemplate, "+33600000000", "Guillemets \" et\nretour", "X", "r")).Dispose();
    }
}
