using MediaBib.Infrastructure.Audit;
using MediaBib.Web.Opac;
using Microsoft.AspNetCore.Components;

namespace MediaBib.Web.Components.Opac.Account;

/// <summary>
/// Base of the patron's account pages: static server rendering (forms post back to the page, antiforgery checked),
/// the signed-in patron from the patron cookie (the page's policy authenticated it).
/// </summary>
public abstract class PatronPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext HttpContext { get; set; } = default!;

    protected Guid PatronId => PatronSecurity.PatronId(HttpContext.User) ?? throw new InvalidOperationException("No patron signed in.");

    protected Actor Actor => PatronSecurity.ActorOf(HttpContext.User, HttpContext);

    protected CancellationToken Aborted => HttpContext.RequestAborted;
}
