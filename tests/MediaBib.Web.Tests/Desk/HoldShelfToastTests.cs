using System.Text.Json;
using Bunit;
using MediaBib.Infrastructure.Outbox;
using MediaBib.Web.Components.Desk;
using MediaBib.Web.Tests.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The desk toast for documents trapped for this library's hold shelf elsewhere (a kiosk, another desk).</summary>
public sealed class HoldShelfToastTests : BunitTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly LiveEvents _live = new();
    private readonly Guid _here = Guid.CreateVersion7();

    public HoldShelfToastTests()
    {
        Services.AddSingleton(_live);
    }

    [Fact]
    public async Task Traps_ThreeForHereAndOneElsewhere_OneToastCountingThree()
    {
        // Arrange
        var desk = RenderDesk();
        var ct = Xunit.TestContext.Current.CancellationToken;

        // Act: a kiosk's return bin traps three holds for here and one for another library.
        await _live.HandleAsync(Waiting(_here), ct);
        await _live.HandleAsync(Waiting(Guid.CreateVersion7()), ct);
        await _live.HandleAsync(Waiting(_here), ct);
        await _live.HandleAsync(Waiting(_here), ct);

        // Assert
        desk.WaitForAssertion(() =>
        {
            var toast = Assert.Single(desk.FindAll(".mud-snackbar"));
            Assert.Contains("3 documents à mettre en rayon réservations", toast.TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    [Fact]
    public async Task Trap_ForAnotherLibraryOnly_NoToast()
    {
        // Arrange
        var desk = RenderDesk();
        var ct = Xunit.TestContext.Current.CancellationToken;

        // Act: one trap elsewhere, then one here; the toast that comes must count only the one here.
        await _live.HandleAsync(Waiting(Guid.CreateVersion7()), ct);
        await _live.HandleAsync(Waiting(_here), ct);

        // Assert
        desk.WaitForAssertion(() =>
        {
            var toast = Assert.Single(desk.FindAll(".mud-snackbar"));
            Assert.Contains("1 document à mettre en rayon réservations", toast.TextContent, StringComparison.Ordinal);
        }, Wait);
    }

    /// <summary>A desk of the library "here": the snackbar provider of the layout and the toast.</summary>
    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderDesk() => Render(b =>
    {
        b.OpenComponent<MudSnackbarProvider>(0);
        b.CloseComponent();
        b.OpenComponent<HoldShelfToast>(1);
        b.AddAttribute(2, nameof(HoldShelfToast.LibraryId), (Guid?)_here);
        b.CloseComponent();
    });

    private static OutboxEvent Waiting(Guid pickupLibrary) => new(
        Guid.CreateVersion7(), DateTime.UtcNow, Domain.Holds.HoldWaiting.EventType,
        JsonSerializer.SerializeToElement(new { holdId = Guid.CreateVersion7(), pickupLibraryId = pickupLibrary }));
}
