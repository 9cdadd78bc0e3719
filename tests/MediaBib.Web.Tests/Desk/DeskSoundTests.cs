using Bunit;
using MediaBib.Web.Components.Desk;
using MediaBib.Web.Desk;
using MediaBib.Web.Tests.Components;

namespace MediaBib.Web.Tests.Desk;

/// <summary>The optional desk sound: one beep per answered scan, low for a refusal, nothing when switched off.</summary>
public sealed class DeskSoundTests : BunitTestContext
{
    private const string Module = "./Components/Desk/DeskSound.razor.js";

    [Fact]
    public async Task Answer_RefusalThenSuccess_BeepsLowThenHighOncePerLine()
    {
        var module = JSInterop.SetupModule(Module);
        module.Setup<bool>("isEnabled").SetResult(true);
        module.SetupVoid("beep", _ => true).SetVoidResult();
        var sound = Render<DeskSound>();
        sound.WaitForAssertion(() => Assert.Single(module.Invocations["isEnabled"]));

        await sound.InvokeAsync(() => sound.Instance.AnswerAsync([(1, ScanStatus.Refused), (2, ScanStatus.Queued)]));
        await sound.InvokeAsync(() => sound.Instance.AnswerAsync([(1, ScanStatus.Refused), (2, ScanStatus.Done)]));
        await sound.InvokeAsync(() => sound.Instance.AnswerAsync([(1, ScanStatus.Refused), (2, ScanStatus.Done)]));

        Assert.Equal([false, true], module.Invocations["beep"].Select(i => (bool)i.Arguments[0]!));
    }

    [Fact]
    public async Task Answer_SwitchedOff_StaysSilent()
    {
        var module = JSInterop.SetupModule(Module);
        module.Setup<bool>("isEnabled").SetResult(false);
        module.SetupVoid("beep", _ => true).SetVoidResult();
        var sound = Render<DeskSound>();
        sound.WaitForAssertion(() => Assert.Single(module.Invocations["isEnabled"]));

        await sound.InvokeAsync(() => sound.Instance.AnswerAsync([(1, ScanStatus.Failed)]));

        Assert.Empty(module.Invocations["beep"]);
        Assert.Contains("Signal sonore", sound.Markup, StringComparison.Ordinal);
    }
}
