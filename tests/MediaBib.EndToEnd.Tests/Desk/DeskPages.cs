using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Desk;

/// <summary>The checkout desk: find the patron, then scan barcodes (typed, then Enter, as a scanner does).</summary>
public sealed class CheckoutDeskPage(IPage page)
{
    public ILocator PatronField => page.GetByTestId("patron-field");

    public ILocator ItemField => page.GetByTestId("item-field");

    public ILocator Patron => page.GetByTestId("checkout-patron");

    public ILocator Line(string barcode) => page.Locator($"[data-testid=checkout-line][data-barcode='{barcode}']");

    public async Task SelectPatronAsync(string card)
    {
        await page.Locator("[data-testid=patron-field][data-ready=true]").WaitForAsync();
        await PatronField.PressSequentiallyAsync(card);
        await PatronField.PressAsync("Enter");
        await Patron.WaitForAsync();
    }

    /// <summary>Types each barcode and Enter without waiting for the previous answer.</summary>
    public async Task ScanAsync(params string[] barcodes)
    {
        await page.Locator("[data-testid=item-field][data-ready=true]").WaitForAsync();
        foreach (var barcode in barcodes)
        {
            await ItemField.PressSequentiallyAsync(barcode);
            await ItemField.PressAsync("Enter");
        }
    }
}

/// <summary>The checkin desk: a scan loop without a patron.</summary>
public sealed class CheckinDeskPage(IPage page)
{
    public ILocator Field => page.GetByTestId("checkin-field");

    public ILocator Line(string barcode) => page.Locator($"[data-testid=checkin-line][data-barcode='{barcode}']");

    public async Task ScanAsync(params string[] barcodes)
    {
        await page.Locator("[data-testid=checkin-field][data-ready=true]").WaitForAsync();
        foreach (var barcode in barcodes)
        {
            await Field.PressSequentiallyAsync(barcode);
            await Field.PressAsync("Enter");
        }
    }
}
