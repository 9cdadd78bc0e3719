using MediaBib.Domain.Notifications;
using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MediaBib.Infrastructure.Notifications.Templates;

/// <summary>
/// The French templates a new installation starts with (overdue levels 1 to 3, courtesy, hold ready, card expiry),
/// for email, SMS and letter. Administrators edit the stored copies; these are only seeded when missing.
/// </summary>
public static class DefaultNoticeTemplates
{
    private const string ItemLines =
        "{%- for document in documents %}\n- {{ document.titre }} (code-barres {{ document.code_barres }}), {0} {{ document.date_retour }}{% if document.prix != \"\" %}, valeur {{ document.prix }}{% endif %}\n{%- endfor %}";

    private const string HtmlItems =
        "<ul>{% for document in documents %}<li><strong>{{ document.titre }}</strong> (code-barres {{ document.code_barres }}), {0} {{ document.date_retour }}</li>{% endfor %}</ul>";

    private const string Signature =
        "\n\nCordialement,\n{{ bibliotheque.nom }}\n{{ bibliotheque.adresse }}, {{ bibliotheque.code_postal }} {{ bibliotheque.ville }}{% if bibliotheque.telephone != \"\" %} - {{ bibliotheque.telephone }}{% endif %}";

    private static readonly Definition[] Definitions =
    [
        new("overdue-1", "{{ bibliotheque.nom }} : documents en retard (1er rappel)",
            "Sauf erreur de notre part, les documents suivants auraient dû être rendus :", "à rendre le",
            "Merci de les rapporter ou de prolonger leur prêt depuis votre compte lecteur.",
            "{{ bibliotheque.nom }} : {{ nombre_documents }} document(s) en retard, à rendre au plus vite. Merci !"),
        new("overdue-2", "{{ bibliotheque.nom }} : documents en retard (2e rappel)",
            "Malgré notre premier rappel, les documents suivants ne nous sont pas revenus :", "à rendre le",
            "Nous vous remercions de les rapporter rapidement. Votre carte pourra être suspendue sans retour de votre part.",
            "{{ bibliotheque.nom }} : 2e rappel, {{ nombre_documents }} document(s) toujours en retard. Merci de les rapporter."),
        new("overdue-3", "{{ bibliotheque.nom }} : dernier rappel avant facturation",
            "Malgré nos rappels, les documents suivants ne nous ont toujours pas été rendus :", "à rendre le",
            "Sans retour sous huit jours, ils vous seront facturés à leur valeur de remplacement.{% if lecteur.doit_payer %} Votre compte présente déjà un solde de {{ lecteur.solde }}.{% endif %}",
            "{{ bibliotheque.nom }} : dernier rappel, {{ nombre_documents }} document(s) en retard seront facturés sans retour sous 8 jours."),
        new("courtesy", "{{ bibliotheque.nom }} : vos documents sont à rendre bientôt",
            "Nous vous rappelons que les documents suivants arrivent à échéance :", "à rendre le",
            "Vous pouvez les prolonger depuis votre compte lecteur s'ils ne sont pas réservés.",
            "{{ bibliotheque.nom }} : {{ nombre_documents }} document(s) à rendre bientôt. Pensez à les prolonger en ligne."),
        new("hold-ready", "{{ bibliotheque.nom }} : votre réservation est disponible",
            "Bonne nouvelle : les documents que vous avez réservés vous attendent à l'accueil :", "à retirer avant le",
            "Au-delà de cette date, ils seront proposés au lecteur suivant.",
            "{{ bibliotheque.nom }} : votre réservation vous attend ({{ nombre_documents }} document(s)). A retirer avant le {{ documents.first.date_limite }}."),
        new("card-expiry", "{{ bibliotheque.nom }} : votre carte arrive à expiration",
            "Votre abonnement (carte {{ lecteur.carte }}) expire le {{ lecteur.date_expiration }}.", "à rendre le",
            "Pour continuer à emprunter, pensez à le renouveler lors de votre prochaine visite.",
            "{{ bibliotheque.nom }} : votre carte expire le {{ lecteur.date_expiration }}. Pensez à la renouveler."),
    ];

    /// <summary>Every default template: one per key and channel, in French.</summary>
    public static IReadOnlyList<NoticeTemplate> All() => [.. Definitions.SelectMany(Build)];

    public static IReadOnlyList<string> Keys => [.. Definitions.Select(d => d.Key)];

    public static NoticeTemplate? Find(string key, NoticeChannel channel) =>
        Definitions.Where(d => d.Key == key).SelectMany(Build).FirstOrDefault(t => t.Channel == channel);

    /// <summary>Stores the defaults that have no stored version yet; returns how many were added.</summary>
    public static async Task<int> EnsureSeededAsync(MediaBibDbContext db, CancellationToken ct)
    {
        var existing = await db.NoticeTemplates.Where(t => t.Language == "fr")
            .Select(t => new { t.Key, t.Channel }).ToListAsync(ct);
        var missing = All().Where(t => !existing.Any(e => e.Key == t.Key && e.Channel == t.Channel)).ToList();
        db.NoticeTemplates.AddRange(missing);
        await db.SaveChangesAsync(ct);
        return missing.Count;
    }

    private static IEnumerable<NoticeTemplate> Build(Definition d)
    {
        var items = d.Key == "card-expiry" ? "" : "\n" + ItemLines.Replace("{0}", d.DateLabel, StringComparison.Ordinal);
        var htmlItems = d.Key == "card-expiry" ? "" : HtmlItems.Replace("{0}", d.DateLabel, StringComparison.Ordinal);
        var text = $"Bonjour {{{{ lecteur.prenom }}}} {{{{ lecteur.nom }}}},\n\n{d.Intro}{items}\n\n{d.Closing}{Signature}\n";
        var html = $"<p>Bonjour {{{{ lecteur.prenom }}}} {{{{ lecteur.nom }}}},</p><p>{d.Intro}</p>{htmlItems}<p>{d.Closing}</p>"
            + "<p>Cordialement,<br>{{ bibliotheque.nom }}</p>";
        yield return new NoticeTemplate(d.Key, NoticeChannel.Email, d.Subject, text, html);
        yield return new NoticeTemplate(d.Key, NoticeChannel.Sms, "", d.Sms, null);
        yield return new NoticeTemplate(d.Key, NoticeChannel.Letter, d.Subject, text, null);
    }

    private sealed record Definition(string Key, string Subject, string Intro, string DateLabel, string Closing, string Sms);
}

/// <summary>A made-up notice used to check templates and to preview them.</summary>
public static class SampleModel
{
    public static NoticeModel Create() => new(
        new NoticeLibraryModel("Médiathèque François-Mitterrand", new Address("1 place de la Mairie", "86000", "Poitiers"), "05 49 00 00 00", "mediatheque@example.fr"),
        new NoticePatronModel("Camille", "Martin", "C0001234", new Address("12 rue des Lilas", "86000", "Poitiers"), 1234.5m, new DateOnly(2027, 1, 31)),
        [new NoticeItemModel("Le Petit Prince", "B0001", new DateTime(2026, 3, 5, 17, 0, 0, DateTimeKind.Utc), 12.5m)],
        1,
        new DateTime(2026, 3, 20, 8, 0, 0, DateTimeKind.Utc));
}
