using System.Net;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Circulation;
using MediaBib.Web.Desk;
using MediaBib.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The PDF receipt downloaded from the checkout page, over HTTP with a signed-in member of staff.</summary>
public sealed class ReceiptPdfEndpointTests(WebAppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_TwoLoansOfTheTransaction_ReturnsAPdfListingThemWithFrenchDueDates()
    {
        // Arrange: two loans of this transaction, and an earlier loan that must not appear.
        var data = await DeskTestData.CreateAsync(app.Database, items: 3);
        var desk = app.Services.GetRequiredService<CirculationDesk>();
        var loans = new List<LoanReceipt>();
        foreach (var item in data.Items)
        {
            var outcome = await desk.CheckOutAsync(data.Actor, data.Library.Id, data.Patron.Id.ToString(), item.Barcode.Value, ct: Ct);
            loans.Add(outcome.Value ?? throw new InvalidOperationException(string.Join(", ", outcome.Refusals)));
        }

        var client = await app.SignedInClientAsync(StaffRoles.Circulation);

        // Act
        var response = await client.GetAsync(DeskEndpoints.ReceiptPdfHref(data.Patron.Id, loans.Skip(1).Select(l => l.LoanId)), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("MARTIN Élise", text, StringComparison.Ordinal);
        Assert.DoesNotContain(data.Items[0].Barcode.Value, text, StringComparison.Ordinal);
        Assert.Contains(data.Items[1].Barcode.Value, text, StringComparison.Ordinal);
        Assert.Contains(data.Items[2].Barcode.Value, text, StringComparison.Ordinal);
        var due = MediaBib.Domain.Circulation.LibraryTime.ToLocal(loans[1].DueAt).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Retour le " + due, text, StringComparison.Ordinal);
        Assert.Contains("2 document(s) emprunté(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CataloguerWithoutCheckoutPermission_GetsNoPdf()
    {
        var data = await DeskTestData.CreateAsync(app.Database, items: 0);
        var client = await app.SignedInClientAsync(StaffRoles.Cataloguer);

        var response = await client.GetAsync(DeskEndpoints.ReceiptPdfHref(data.Patron.Id, []), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }
}
