using MediaBib.Domain.Circulation;
using MediaBib.Infrastructure.Administration;

namespace MediaBib.Web.Components.Admin;

public sealed partial class CirculationRules
{
    private IReadOnlyList<CirculationRuleRow> _rules = [];
    private RuleAxes _axes = new([], [], []);
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private Guid? _editing;
    private Guid? _library;
    private Guid? _category;
    private Guid? _itemType;
    private string? _fieldError;
    private string? _fieldErrorText;
    private string? _axesError;
    private Guid? _effLibrary;
    private Guid? _effCategory;
    private Guid? _effType;
    private IReadOnlyList<EffectiveValue> _effective = [];

    protected override async Task OnInitializedAsync()
    {
        _axes = await Admin.AxesAsync();
        _effLibrary = _axes.Libraries.FirstOrDefault()?.Id;
        _rules = await Admin.ListAsync();
    }

    private string? Get(string name) => _values.GetValueOrDefault(name);

    private string Display(string? value) => value switch
    {
        null => "—",
        "true" => R["Yes"],
        "false" => R["No"],
        _ => value,
    };

    private string SourceText(EffectiveValue value)
    {
        if (value.Source != PolicySourceKind.Rule)
        {
            return R["Source." + value.Source];
        }

        var rule = _rules.FirstOrDefault(r => r.Id == value.RuleId);
        var axes = rule is null ? "?" : $"{rule.Library ?? R["Any"]} / {rule.Category ?? R["Any"]} / {rule.ItemType ?? R["Any"]}";
        return string.Format(System.Globalization.CultureInfo.CurrentCulture, R["Source.Rule"], axes);
    }

    private void Edit(CirculationRuleRow? row)
    {
        if (row is null)
        {
            return;
        }

        ClearErrors();
        (_editing, _library, _category, _itemType) = (row.Id, row.LibraryId, row.CategoryId, row.ItemTypeId);
        _values.Clear();
        foreach (var (key, value) in row.Values)
        {
            _values[key] = value;
        }
    }

    private void Reset()
    {
        ClearErrors();
        (_editing, _library, _category, _itemType) = (null, null, null, null);
        _values.Clear();
    }

    private void ClearErrors() => (_fieldError, _fieldErrorText, _axesError) = (null, null, null);

    private async Task SaveAsync()
    {
        ClearErrors();
        var result = await Admin.SaveAsync(await Staff.ActorAsync(), _editing, _library, _category, _itemType, _values);
        if (!result.Succeeded)
        {
            var error = result.Errors[0];
            if (error.Field == "axes")
            {
                _axesError = R["Error.Duplicate"];
            }
            else
            {
                _fieldError = error.Field;
                _fieldErrorText = error.Code == "validation.invalid_format" ? R["Error.InvalidFormat"] : R["Error.Other"];
            }

            return;
        }

        Snackbar.Add(R["Saved"], MudBlazor.Severity.Success);
        Reset();
        _rules = await Admin.ListAsync();
        if (_effective.Count > 0)
        {
            await ShowEffectiveAsync();
        }
    }

    private async Task DeleteAsync()
    {
        if (_editing is { } id)
        {
            await Admin.DeleteAsync(await Staff.ActorAsync(), id);
            Snackbar.Add(R["Deleted"], MudBlazor.Severity.Info);
            Reset();
            _rules = await Admin.ListAsync();
        }
    }

    private async Task ShowEffectiveAsync()
    {
        if (_effLibrary is { } library)
        {
            _effective = await Admin.EffectiveAsync(library, _effCategory, _effType);
        }
    }
}
