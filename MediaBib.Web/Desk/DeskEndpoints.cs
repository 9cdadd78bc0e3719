using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Desk;
using MediaBib.Web.Resources;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Desk;

/// <summary>Plain HTTP endpoints of the desk: files a circuit cannot hand to the browser itself.</summary>
public static class DeskEndpoints
{
    public static IEndpointRouteBuilder MapDeskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/desk/receipt/{patronId:guid}/pdf", ReceiptPdfAsync).RequireAuthorization(Permission.LoansCheckout.PolicyName());
        return app;
    }

    /// <summary>The href of a transaction's PDF receipt: the loans travel in the query (the page knows them).</summary>
    public static string ReceiptPdfHref(Guid patronId, IEnumerable<Guid> loanIds) =>
        $"/desk/receipt/{patronId}/pdf" + (loanIds.Any() ? "?" + string.Join("&", loanIds.Select(id => $"loan={id}")) : "");

    /// <summary>The PDF receipt of the given loans of a patron (loans of anybody else are left out).</summary>
    private static async Task<IResult> ReceiptPdfAsync(
        Guid patronId, [FromQuery(Name = "loan")] Guid[]? loans, HttpContext http, DeskQueries queries, TimeProvider clock,
        IStringLocalizer<DeskResources> d, CancellationToken ct)
    {
        var receipt = await queries.ReceiptAsync(patronId, loans ?? [], StaffActor.WorksAt(http.User), ct);
        if (receipt is null)
        {
            return Results.NotFound();
        }

        var texts = new ReceiptTexts(d["Receipt.Title"], d["Receipt.Date"], d["Receipt.Card"], d["Checkout.DueOn"], d["Receipt.Count"], d["Receipt.Empty"], d["Receipt.Thanks"]);
        using var pdf = new MemoryStream();
        ReceiptPdfWriter.Write(receipt, clock.GetUtcNow().UtcDateTime, texts, pdf);
        return Results.File(pdf.ToArray(), "application/pdf", $"ticket-{receipt.CardNumber}.pdf");
    }
}
