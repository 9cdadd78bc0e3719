using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MediaBib.Web.Tests.Components;

/// <summary>
/// bUnit set up once, the MudBlazor way: MudBlazor services, loose JS interop, French resources. Derived test
/// classes are disposed asynchronously by xunit v3 (MudBlazor's services are IAsyncDisposable only).
/// </summary>
public abstract class BunitTestContext : BunitContext
{
    protected BunitTestContext()
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddLocalization();
    }
}
