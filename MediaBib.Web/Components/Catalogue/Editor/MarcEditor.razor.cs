using MediaBib.Infrastructure.Catalog.Editing;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Microsoft.AspNetCore.Components.Web;

namespace MediaBib.Web.Components.Catalogue.Editor;

/// <summary>
/// The MARC view: every field and subfield as inputs, validated against the framework on each keystroke, with
/// buttons and keyboard shortcuts to add, remove and reorder (Enter adds a subfield after the current one,
/// Ctrl+Enter a field after the current one, Alt+Up/Down moves the subfield).
/// </summary>
public sealed partial class MarcEditor
{
    private IReadOnlyList<MarcIssue> _issues = [];
    /// <summary>Id of the input to focus after the next render (a row just added or moved).</summary>
    private string? _focus;

    [Parameter, EditorRequired]
    public MarcDraft Draft { get; set; } = default!;

    /// <summary>Raised after every change, with the issues of the draft as it is now.</summary>
    [Parameter]
    public EventCallback<IReadOnlyList<MarcIssue>> Changed { get; set; }

    private MarcFramework Framework => MarcFramework.For(Draft.Flavour);

    protected override void OnParametersSet() => _issues = MarcValidator.Validate(Draft, Framework);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focus is { } id)
        {
            _focus = null;
            await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Catalogue/Editor/MarcEditor.razor.js");
            await module.InvokeVoidAsync("focus", id);
        }
    }

    private static string Show(char c) => c == ' ' ? "" : c.ToString();

    private static char Indicator(object? value) => value?.ToString() is { Length: > 0 } text ? text[^1] : ' ';

    /// <summary>An indicator as typed: '#' is how cataloguers write a blank.</summary>
    private static char IndicatorValue(object? value) => Indicator(value) is '#' ? ' ' : Indicator(value);

    private static string SubfieldLabel(FieldDefinition? definition, DraftField field, DraftSubfield sub) =>
        $"{field.Tag} ${Show(sub.Code)} {definition?.Subfield(sub.Code)?.Label}".TrimEnd();

    private async Task Change(Action change)
    {
        change();
        _issues = MarcValidator.Validate(Draft, Framework);
        await Changed.InvokeAsync(_issues);
    }

    private async Task AddSubfieldAsync(int fieldIndex, int at)
    {
        var field = Draft.Fields[fieldIndex];
        var next = NextCode(field);
        var sub = new DraftSubfield(next, "");
        await Change(() => field.Subfields.Insert(Math.Min(at, field.Subfields.Count), sub));
        _focus = "marc-code-" + sub.Key;
    }

    private async Task AddFieldAsync(int at)
    {
        var field = DraftField.Of("", ' ', ' ', ('a', ""));
        await Change(() => Draft.Fields.Insert(Math.Min(at, Draft.Fields.Count), field));
        _focus = "marc-tag-" + field.Key;
    }

    /// <summary>The first code of the field's definition not used yet, else 'a'.</summary>
    private char NextCode(DraftField field) =>
        Framework.Field(field.Tag)?.Subfields.Select(s => s.Code).FirstOrDefault(c => field.Subfields.All(s => s.Code != c)) is { } code and not '\0'
            ? code : 'a';

    private async Task KeyOnSubfieldAsync(KeyboardEventArgs e, int fieldIndex, int subIndex)
    {
        var field = Draft.Fields[fieldIndex];
        switch (e)
        {
            case { Key: "Enter", CtrlKey: true }:
                await AddFieldAsync(fieldIndex + 1);
                break;
            case { Key: "Enter" }:
                await AddSubfieldAsync(fieldIndex, subIndex + 1);
                break;
            case { Key: "ArrowUp", AltKey: true }:
                await Change(() => MarcDraft.Move(field.Subfields, subIndex, -1));
                _focus = "marc-value-" + field.Subfields[Math.Max(0, subIndex - 1)].Key;
                break;
            case { Key: "ArrowDown", AltKey: true }:
                await Change(() => MarcDraft.Move(field.Subfields, subIndex, 1));
                _focus = "marc-value-" + field.Subfields[Math.Min(field.Subfields.Count - 1, subIndex + 1)].Key;
                break;
        }
    }

    private async Task KeyOnFieldAsync(KeyboardEventArgs e, int fieldIndex)
    {
        if (e is { Key: "Enter", CtrlKey: true })
        {
            await AddFieldAsync(fieldIndex + 1);
        }
    }
}
