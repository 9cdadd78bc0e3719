using System.Globalization;
using MediaBib.Domain.Circulation;
using MediaBib.Domain.Staff;
using MediaBib.Infrastructure.Desk;
using MediaBib.Web.Desk;
using MediaBib.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace MediaBib.Web.Components.Desk;

/// <summary>Checkout: find the patron, then a scan loop. The work and the state are in <see cref="CheckoutSession"/>.</summary>
public sealed partial class CheckoutPage
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private IReadOnlyList<PatronMatch> _matches = [];
    private string? _lookupMessage;
    private string? _problem;
    private bool _canOverride;
    private ScanField? _itemField;
    private DeskSound? _sound;

    /// <summary>Opens the desk on a patron (from the patron file).</summary>
    [SupplyParameterFromQuery(Name = "patron")]
    public Guid? PatronId { get; set; }

    [Inject]
    private CheckoutSession Session { get; set; } = default!;

    [Inject]
    private DeskQueries Queries { get; set; } = default!;

    [Inject]
    private CurrentStaff Staff { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    internal static string Local(DateTime utc) => LibraryTime.ToLocal(utc).ToString("dd/MM/yyyy", French);

    public void Dispose() => Session.Changed -= OnChangedAsync;

    protected override async Task OnInitializedAsync()
    {
        Session.Changed += OnChangedAsync;
        var actor = await Staff.ActorAsync();
        Session.UseActor(actor);
        _problem = actor.LibraryId is null ? D["Desk.NoLibrary"].Value : null;
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            _canOverride = (await Authorization.AuthorizeAsync(user, Permission.CheckoutOverride.PolicyName())).Succeeded;
        }

        if (PatronId is { } id && Session.Patron?.Id != id && await Queries.PatronAsync(id) is { } patron)
        {
            Session.SelectPatron(patron);
        }
    }

    private Task OnChangedAsync() => InvokeAsync(async () =>
    {
        StateHasChanged();
        await AnswerSoundAsync();
    });

    /// <summary>Lines already answered when the page opens make no sound.</summary>
    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? AnswerSoundAsync() : Task.CompletedTask;

    private Task AnswerSoundAsync() => _sound?.AnswerAsync(Session.Lines.Select(l => (l.Seq, l.Status))) ?? Task.CompletedTask;

    private async Task FindPatronAsync(string term)
    {
        _matches = await Queries.FindPatronsAsync(term);
        if (_matches.Count == 1 && string.Equals(_matches[0].CardNumber, term, StringComparison.OrdinalIgnoreCase))
        {
            Pick(_matches[0]);
            return;
        }

        _lookupMessage = _matches.Count == 0 ? D["Patron.NoMatch", term].Value : null;
    }

    private Task PickAsync(PatronMatch patron)
    {
        Pick(patron);
        return Task.CompletedTask;
    }

    private void Pick(PatronMatch patron)
    {
        Session.SelectPatron(patron);
        _matches = [];
        _lookupMessage = null;
    }

    private void NextPatron()
    {
        Session.SelectPatron(null);
        _matches = [];
    }

    private Task ScanAsync(string barcode)
    {
        Session.Scan(barcode);
        return Task.CompletedTask;
    }

    private async Task ForceAsync((int Seq, string Reason) request)
    {
        Session.Force(request.Seq, request.Reason);
        if (_itemField is not null)
        {
            await _itemField.FocusAsync();
        }
    }
}
