using MediaBib.Domain.Staff;
using MudBlazor;

namespace MediaBib.Web.Navigation;

/// <summary>An entry of the navigation drawer: a page that exists, and the permission it needs (null: any staff).</summary>
public sealed record NavEntry(string ResourceKey, string Href, string Icon, Permission? Permission)
{
    /// <summary>The desk's entries take their text from <c>DeskResources</c>, the others from <c>SharedResource</c>.</summary>
    public bool IsDesk => ResourceKey.StartsWith("Desk.", StringComparison.Ordinal);
}

/// <summary>
/// The pages the drawer and the home page offer. Add a line when a page is built: the drawer never shows a page
/// that does not exist, and each entry's permission is the one its page enforces (a test checks both).
/// </summary>
public static class NavEntries
{
    public static IReadOnlyList<NavEntry> All { get; } =
    [
        new("Nav.Home", "/", Icons.Material.Filled.Home, null),
        new("Desk.Nav.Checkout", "/desk/checkout", Icons.Material.Filled.Outbox, Permission.LoansCheckout),
        new("Desk.Nav.Checkin", "/desk/checkin", Icons.Material.Filled.MoveToInbox, Permission.ReturnsCheckin),
        new("Desk.Nav.Patrons", "/desk/patrons", Icons.Material.Filled.People, Permission.PatronsView),
        new("Desk.Nav.NewPatron", "/desk/patrons/new", Icons.Material.Filled.PersonAdd, Permission.PatronsManage),
        new("Desk.Nav.Items", "/desk/items", Icons.Material.Filled.MenuBook, Permission.PatronsView),
        new("Desk.Nav.Holds", "/desk/holds", Icons.Material.Filled.BookmarkAdded, Permission.Holds),
        new("Nav.Records", "/catalogue/notices", Icons.Material.Filled.LibraryBooks, Permission.RecordsEdit),
        new("Nav.NewRecord", "/catalogue/notices/nouvelle", Icons.Material.Filled.NoteAdd, Permission.RecordsCreate),
        new("Nav.CopyCataloguing", "/catalogue/copie", Icons.Material.Filled.CloudDownload, Permission.RecordsCreate),
        new("Nav.Import", "/catalogue/import", Icons.Material.Filled.UploadFile, Permission.RecordsCreate),
        new("Nav.Libraries", "/admin/libraries", Icons.Material.Filled.LocalLibrary, Permission.Configuration),
        new("Nav.PatronCategories", "/admin/patron-categories", Icons.Material.Filled.Groups, Permission.Configuration),
        new("Nav.ItemTypes", "/admin/item-types", Icons.Material.Filled.Category, Permission.Configuration),
        new("Nav.CirculationRules", "/admin/circulation-rules", Icons.Material.Filled.Rule, Permission.Configuration),
        new("Nav.Sip2Terminals", "/admin/sip2-terminals", Icons.Material.Filled.Dns, Permission.Configuration),
        new("Nav.RfidPads", "/admin/rfid-pads", Icons.Material.Filled.Nfc, Permission.Configuration),
        new("Nav.Staff", "/admin/staff", Icons.Material.Filled.ManageAccounts, Permission.Users),
        new("Nav.ApiTokens", "/admin/api-tokens", Icons.Material.Filled.Key, Permission.Users),
        new("Nav.AuditLog", "/admin/audit", Icons.Material.Filled.History, Permission.AuditLogView),
        new("Nav.OverdueLevels", "/admin/overdue-levels", Icons.Material.Filled.NotificationImportant, Permission.Configuration),
        new("Nav.NoticeTemplates", "/admin/notice-templates", Icons.Material.Filled.Drafts, Permission.Configuration),
        new("Nav.Jobs", "/admin/jobs", Icons.Material.Filled.Schedule, Permission.Configuration),
    ];
}
