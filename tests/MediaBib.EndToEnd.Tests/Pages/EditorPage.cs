using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MediaBib.EndToEnd.Tests.Pages;

/// <summary>The cataloguer's editor (<c>/catalogue/notices/…</c>): form and MARC views, save, messages, merge.</summary>
public sealed partial class EditorPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Title => page.GetByTestId("form-title");

    public ILocator Message => page.GetByTestId("editor-message");

    public ILocator Issues => page.GetByTestId("issue");

    /// <summary>The id of the record in the address, once it has one (after its first save).</summary>
    public Guid RecordId => Guid.Parse(RecordUrl().Match(page.Url).Groups[1].Value);

    public Task SaveAsync() => page.GetByTestId("save").ClickAsync();

    /// <summary>After the first save of a new record, the editor moves to the record's own address.</summary>
    public Task WaitForSavedRecordAsync() => page.WaitForURLAsync(RecordUrl(), new() { Timeout = 20_000 });

    public Task MarcViewAsync() => page.GetByTestId("view-marc").ClickAsync();

    public Task FormViewAsync() => page.GetByTestId("view-form").ClickAsync();

    /// <summary>The value input of subfield <paramref name="code"/> of the first field <paramref name="tag"/> in the MARC view.</summary>
    public ILocator Subfield(string tag, char code) =>
        page.Locator($"[data-testid=field][data-tag='{tag}']").First.Locator($"[data-testid=subfield][data-code='{code}'] [data-testid=value]").First;

    [GeneratedRegex(@"/catalogue/notices/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex RecordUrl();
}
