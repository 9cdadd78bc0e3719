using MediaBib.Domain.Notifications;
using MediaBib.Infrastructure.Notifications;
using MediaBib.Infrastructure.Notifications.Templates;
using MediaBib.Web.Resources;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace MediaBib.Web.Components.Admin;

/// <summary>
/// Notice templates per notice type and channel, edited in Liquid with a live preview on a real patron (chosen by card
/// number). A template that does not parse or render is refused with the place of the error.
/// </summary>
public sealed partial class NoticeTemplates
{
    private IReadOnlyList<NoticeTemplateRow> _rows = [];
    private string _key = "overdue-1";
    private NoticeChannel _channel = NoticeChannel.Email;
    private bool _stored;
    private string _subject = "";
    private string _text = "";
    private string? _html;
    private string? _card;
    private TemplatePreview? _preview;
    private IReadOnlyList<TemplateError> _errors = [];

    [Inject]
    private NoticeAdmin Admin { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<NoticesResources> N { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _rows = await Admin.ListTemplatesAsync();
        Show();
    }

    private async Task SelectKeyAsync(string key)
    {
        _key = key;
        Show();
        await PreviewAsync();
    }

    private async Task SelectChannelAsync(NoticeChannel channel)
    {
        _channel = channel;
        Show();
        await PreviewAsync();
    }

    private void Show()
    {
        var row = _rows.FirstOrDefault(r => r.Key == _key && r.Channel == _channel);
        _stored = row?.IsStored ?? false;
        _subject = row?.Subject ?? "";
        _text = row?.BodyText ?? "";
        _html = row?.BodyHtml;
        _errors = [];
    }

    private async Task ChangedAsync(Action change)
    {
        change();
        await PreviewAsync();
    }

    private async Task PreviewAsync()
    {
        if (string.IsNullOrWhiteSpace(_card))
        {
            _preview = null;
            return;
        }

        _preview = await Admin.PreviewAsync(_card.Trim(), _key, _channel, _subject, _text, _html);
        _errors = _preview.Errors;
    }

    private async Task SaveAsync()
    {
        _errors = await Admin.SaveTemplateAsync(await Staff.ActorAsync(), _key, _channel, _subject, _text, _html);
        if (_errors.Count == 0)
        {
            Snackbar.Add(N["Templates.Saved"], Severity.Success);
            _rows = await Admin.ListTemplatesAsync();
            Show();
        }
    }
}
