using Bunit;
using MediaBib.Domain.Staff;
using MediaBib.Web.Components.Layout;

namespace MediaBib.Web.Tests.Components;

/// <summary>The drawer shows the entries whose permission policy the user satisfies (policies faked by bUnit).</summary>
public sealed class NavMenuTests : BunitTestContext
{
    [Theory]
    [InlineData(StaffRoles.Admin, new[] { "Accueil", "Prêt", "Retour", "Lecteurs", "Inscription", "Documents", "Réservations", "Notices", "Nouvelle notice", "Copie de notices", "Import de notices", "Bibliothèques", "Catégories de lecteurs", "Types de document", "Règles de prêt", "Bornes SIP2", "Platines RFID", "Comptes du personnel", "Jetons API", "Journal d'audit", "Niveaux de relance", "Modèles d'avis", "Tâches planifiées" })]
    [InlineData(StaffRoles.Cataloguer, new[] { "Accueil", "Notices", "Nouvelle notice", "Copie de notices", "Import de notices" })]
    [InlineData(StaffRoles.Circulation, new[] { "Accueil", "Prêt", "Retour", "Lecteurs", "Inscription", "Documents", "Réservations" })]
    public void Render_Role_ShowsOnlyPermittedEntries(string role, string[] expected)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("someone");
        auth.SetRoles(role);
        auth.SetPolicies([.. RolePermissions.Of(role).Select(p => p.PolicyName())]);

        var menu = Render<NavMenu>();

        var links = menu.FindAll("a").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(expected, links);
    }
}
