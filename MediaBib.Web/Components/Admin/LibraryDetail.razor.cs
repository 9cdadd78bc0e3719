using System.Globalization;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Administration;
using MediaBib.Web.Components.Shared;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MediaBib.Web.Components.Admin;

public sealed partial class LibraryDetail
{
    private static readonly CultureInfo Culture = new("fr-FR");

    /// <summary>Monday first, as in France.</summary>
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private Library? _library;
    private LibraryModel _model = new();
    private List<DayHours> _hours = [];
    private string? _sectionCode;
    private string? _sectionName;
    private Guid _shelfSection;
    private string? _shelfCode;
    private string? _shelfName;
    private string? _closedDate;
    private string? _closedReason;
    private FormErrors? _errors;
    private FormErrors? _sectionErrors;
    private FormErrors? _shelfErrors;
    private FormErrors? _hoursErrors;
    private FormErrors? _closedErrors;

    [Parameter]
    public Guid Id { get; set; }

    [Inject]
    private LibraryAdmin Admin { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private FormErrors Errors => _errors ??= new(L);

    private FormErrors SectionErrors => _sectionErrors ??= new(L);

    private FormErrors ShelfErrors => _shelfErrors ??= new(L);

    private FormErrors HoursErrors => _hoursErrors ??= new(L);

    private FormErrors ClosedErrors => _closedErrors ??= new(L);

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        _library = await Admin.GetAsync(Id);
        if (_library is null)
        {
            return;
        }

        _model = LibraryModel.From(_library);
        _hours = [.. Week.Select(d => DayHours.From(d, _library.OpeningHours.FirstOrDefault(h => h.Day == d)))];
        if (_shelfSection == Guid.Empty && _library.Sections.Count > 0)
        {
            _shelfSection = _library.Sections[0].Id;
        }
    }

    private async Task SaveAsync() => await DoneAsync(Errors.From(await Admin.UpdateAsync(await Staff.ActorAsync(), Id, _model.ToInput())));

    private async Task AddSectionAsync()
    {
        if (await DoneAsync(SectionErrors.From(await Admin.AddSectionAsync(await Staff.ActorAsync(), Id, _sectionCode ?? "", _sectionName ?? ""))))
        {
            _sectionCode = _sectionName = null;
        }
    }

    private async Task AddShelfAsync()
    {
        var result = await Admin.AddShelfAsync(await Staff.ActorAsync(), Id, _shelfSection, _shelfCode ?? "", _shelfName ?? "");
        if (await DoneAsync(ShelfErrors.From(result)))
        {
            _shelfCode = _shelfName = null;
        }
    }

    private async Task SaveHoursAsync()
    {
        var hours = new List<OpeningHours>();
        foreach (var day in _hours)
        {
            if (!day.TryParse(out var slot))
            {
                HoursErrors.From(AdminResult<Guid>.Fail(new AdminError("hours", "validation.invalid_format")));
                return;
            }

            if (slot is not null)
            {
                hours.Add(slot);
            }
        }

        await DoneAsync(HoursErrors.From(await Admin.SetOpeningHoursAsync(await Staff.ActorAsync(), Id, hours)));
    }

    private async Task AddClosedDayAsync()
    {
        if (!DateOnly.TryParseExact(_closedDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            ClosedErrors.From(AdminResult<Guid>.Fail(new AdminError("date", "validation.required")));
            return;
        }

        if (await DoneAsync(ClosedErrors.From(await Admin.AddClosedDayAsync(await Staff.ActorAsync(), Id, date, _closedReason ?? ""))))
        {
            _closedDate = _closedReason = null;
        }
    }

    private async Task RemoveClosedDayAsync(DateOnly date) =>
        await DoneAsync(ClosedErrors.From(await Admin.RemoveClosedDayAsync(await Staff.ActorAsync(), Id, date)));

    private async Task<bool> DoneAsync(bool succeeded)
    {
        if (succeeded)
        {
            Snackbar.Add(L["Common.Saved"], Severity.Success);
            await ReloadAsync();
        }

        return succeeded;
    }

    /// <summary>One opening slot per day in the form, typed as HH:mm; both empty means closed that day.</summary>
    private sealed class DayHours
    {
        public DayOfWeek Day { get; init; }

        public string? Opens { get; set; }

        public string? Closes { get; set; }

        public static DayHours From(DayOfWeek day, OpeningHours? hours) => new()
        {
            Day = day,
            Opens = hours?.Opens.ToString("HH:mm", CultureInfo.InvariantCulture),
            Closes = hours?.Closes.ToString("HH:mm", CultureInfo.InvariantCulture),
        };

        public bool TryParse(out OpeningHours? slot)
        {
            slot = null;
            if (string.IsNullOrWhiteSpace(Opens) && string.IsNullOrWhiteSpace(Closes))
            {
                return true;
            }

            if (TimeOnly.TryParseExact(Opens?.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
                && TimeOnly.TryParseExact(Closes?.Trim(), "H:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
            {
                slot = new OpeningHours(Day, opens, closes);
                return true;
            }

            return false;
        }
    }
}
