using MediaBib.Domain.Circulation;
using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Notifications.Templates;
using MediaBib.Testing;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Tests.Notifications;

/// <summary>Courtesy and card expiry reminders, planned then sent to the real SMTP server (aiosmtpd).</summary>
public sealed class ReminderNoticeTests(TestDatabase database, SmtpCapture smtp) : IClassFixture<SmtpCapture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanCourtesy_LoansDueInTwoDays_OneFrenchEmailPerDueDateListingTheItems()
    {
        // Arrange: two loans due in two days (default: 3 days before), one due in ten days.
        var now = DateTime.UtcNow;
        var today = LibraryTime.Today(now);
        var data = await new NoticeTestData(database).CreateAsync(Ct);
        var patron = await data.PatronAsync(Ct);
        var dueSoon = LibraryTime.EndOfDayUtc(today.AddDays(2));
        await data.LateLoanAsync(patron, "Les Misérables", dueSoon, Ct);
        await data.LateLoanAsync(patron, "Germinal", dueSoon, Ct);
        await data.LateLoanAsync(patron, "Pas encore", LibraryTime.EndOfDayUtc(today.AddDays(10)), Ct);
        var planner = new ReminderPlanner(database.Factory);

        // Act: the job runs twice (same day), then sends.
        await planner.PlanCourtesyAsync(now, Ct);
        await planner.PlanCourtesyAsync(now.AddHours(2), Ct);
        var summary = await data.Dispatcher([NoticeTestData.Smtp(smtp.Port)]).DispatchForPatronsAsync([patron.Id], Ct);

        // Assert
        Assert.Equal(1, summary.Sent);
        var message = Assert.Single(smtp.MessagesTo(patron.Email!));
        Assert.Equal("Médiathèque des Tilleuls : vos documents sont à rendre bientôt", message.Subject);
        var date = today.AddDays(2).ToString("dd/MM/yyyy", FrenchFormat.Culture);
        Assert.Contains($"Bonjour Élodie {patron.LastName},", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Germinal (code-barres ", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"à rendre le {date}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Les Misérables (code-barres ", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Pas encore", message.TextBody, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        var notice = await db.Notices.SingleAsync(n => n.PatronId == patron.Id, Ct);
        Assert.Equal((NoticeKind.Courtesy, "courtesy", NoticeStatus.Sent), (notice.Kind, notice.TemplateKey, notice.Status));
    }

    [Fact]
    public async Task PlanCourtesy_CategoryWithoutCourtesyOrFourDaysAhead_NoNoticeUnlessItsDaysSaySo()
    {
        // Arrange: this category is told 5 days ahead; the loan is due in 4 days (default 3 would say not yet).
        var now = DateTime.UtcNow;
        var today = LibraryTime.Today(now);
        var data = await new NoticeTestData(database).CreateAsync(Ct);
        await using (var db = database.CreateContext())
        {
            db.ReminderSettings.Add(new ReminderSettings(data.Library.Id, data.Category.Id, 5, null, [NoticeChannel.Email]));
            await db.SaveChangesAsync(Ct);
        }

        var patron = await data.PatronAsync(Ct, expiresOn: today.AddDays(3));
        var noEmail = await data.PatronAsync(Ct, email: null);
        await data.LateLoanAsync(patron, "Bel-Ami", LibraryTime.EndOfDayUtc(today.AddDays(4)), Ct);
        await data.LateLoanAsync(noEmail, "Nana", LibraryTime.EndOfDayUtc(today.AddDays(4)), Ct);
        var planner = new ReminderPlanner(database.Factory);

        // Act
        await planner.PlanCourtesyAsync(now, Ct);
        await planner.PlanCardExpiryAsync(now, Ct);

        // Assert: a courtesy notice for the patron with an email, none for the other; no card reminder (disabled).
        await using var check = database.CreateContext();
        var notices = await check.Notices.Where(n => n.PatronId == patron.Id || n.PatronId == noEmail.Id).ToListAsync(Ct);
        var notice = Assert.Single(notices);
        Assert.Equal((patron.Id, NoticeKind.Courtesy), (notice.PatronId, notice.Kind));
    }

    [Fact]
    public async Task PlanCardExpiry_CardExpiresInTenDays_OneReminderPerExpiryDateWithTheFrenchDate()
    {
        // Arrange
        var now = DateTime.UtcNow;
        var today = LibraryTime.Today(now);
        var data = await new NoticeTestData(database).CreateAsync(Ct);
        var expiring = await data.PatronAsync(Ct, expiresOn: today.AddDays(10));
        var later = await data.PatronAsync(Ct, expiresOn: today.AddDays(45));
        var planner = new ReminderPlanner(database.Factory);

        // Act: two runs on two days: still one reminder.
        await planner.PlanCardExpiryAsync(now, Ct);
        await planner.PlanCardExpiryAsync(now.AddDays(1), Ct);
        var summary = await data.Dispatcher([NoticeTestData.Smtp(smtp.Port)]).DispatchForPatronsAsync([expiring.Id, later.Id], Ct);

        // Assert
        Assert.Equal(1, summary.Sent);
        Assert.Empty(smtp.MessagesTo(later.Email!));
        var message = Assert.Single(smtp.MessagesTo(expiring.Email!));
        Assert.Equal("Médiathèque des Tilleuls : votre carte arrive à expiration", message.Subject);
        var date = today.AddDays(10).ToString("dd/MM/yyyy", FrenchFormat.Culture);
        Assert.Contains($"Votre abonnement (carte {expiring.CardNumber.Value}) expire le {date}.", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Cordialement,\nMédiathèque des Tilleuls", message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(NoticeKind.CardExpiry, (await db.Notices.SingleAsync(n => n.PatronId == expiring.Id, Ct)).Kind);
    }
}
