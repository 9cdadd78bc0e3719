using MediaBib.Infrastructure.Administration;
using MediaBib.Web.Resources;
using Microsoft.Extensions.Localization;

namespace MediaBib.Web.Components.Shared;

/// <summary>
/// Field errors of a form, shown next to each field in French. Codes come from the services
/// (<see cref="AdminError"/>); the message is the resource <c>Error.{code}</c>. Field names are matched
/// case-insensitively because the domain names some fields after properties ("Name") and some after inputs ("code").
/// </summary>
public sealed class FormErrors(IStringLocalizer<SharedResource> localizer)
{
    private readonly Dictionary<string, string> _messages = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _messages.Count > 0;

    public bool Has(string field) => _messages.ContainsKey(field);

    public string? this[string field] => _messages.GetValueOrDefault(field);

    /// <summary>Errors on fields the form does not show (e.g. a missing library), to display above the form.</summary>
    public IEnumerable<string> Others(params string[] shownFields) =>
        _messages.Where(m => !shownFields.Contains(m.Key, StringComparer.OrdinalIgnoreCase)).Select(m => m.Value);

    public void Clear() => _messages.Clear();

    /// <summary>Takes the errors of a result; true when it succeeded.</summary>
    public bool From<T>(AdminResult<T> result)
    {
        Clear();
        foreach (var error in result.Errors)
        {
            var message = localizer["Error." + error.Code];
            _messages[error.Field] = message.ResourceNotFound ? localizer["Error.unknown"] : message.Value;
        }

        return result.Succeeded;
    }
}
