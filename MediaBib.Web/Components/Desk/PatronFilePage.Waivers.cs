using MediaBib.Infrastructure.Desk;
using MudBlazor;

namespace MediaBib.Web.Components.Desk;

/// <summary>Waivers of fines (permission FinesWaive, reason required) and the staff's note on the patron.</summary>
public sealed partial class PatronFilePage
{
    private Guid? _waiving;
    private decimal? _waiveAmount;
    private string? _waiveReason;
    private string? _waiveError;
    private bool _editingNotes;
    private string? _notes;
    private string? _notesError;

    private void StartWaiver(PatronFineLine fine)
    {
        _waiving = fine.FineId;
        _waiveAmount = null;
        _waiveReason = null;
        _waiveError = null;
    }

    /// <summary>Waives the amount given (empty: what remains) with the reason the audit entry keeps.</summary>
    private async Task WaiveAsync(PatronFineLine fine)
    {
        if (string.IsNullOrWhiteSpace(_waiveReason))
        {
            _waiveError = D["PatronFile.WaiveReasonRequired"];
            return;
        }

        var amount = _waiveAmount ?? fine.Outstanding;
        var outcome = await Fines.WaiveAsync(await Staff.ActorAsync(), fine.FineId, _waiveAmount, _waiveReason);
        Show(fine.FineId, outcome.Refusals, outcome.Succeeded ? D["PatronFile.Waived", amount.ToString("C", French)].Value : null);
        if (outcome.Succeeded)
        {
            _waiving = null;
        }

        await ReloadAsync();
    }

    private void EditNotes()
    {
        _notes = _file?.Notes;
        _notesError = null;
        _editingNotes = true;
    }

    private async Task SaveNotesAsync()
    {
        var result = await Registration.SetNotesAsync(await Staff.ActorAsync(), Id, _notes);
        _notesError = result.Errors.Select(e => Shared["Error." + e.Code].Value).FirstOrDefault();
        if (result.Succeeded)
        {
            _editingNotes = false;
            Snackbar.Add(D["PatronFile.NotesSaved"], Severity.Success);
        }

        await ReloadAsync();
    }
}
