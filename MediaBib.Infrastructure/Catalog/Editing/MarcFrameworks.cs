namespace MediaBib.Infrastructure.Catalog.Editing;

/// <summary>The definitions of the UNIMARC (IFLA manual, French 995 recommendation) and MARC21 (LC) frameworks.</summary>
internal static class MarcFrameworks
{
    private const string Blank = " ";
    private const string Digits = "0123456789";

    /// <summary>Authority link: the id of the catalogue's author or subject (Koha's convention).</summary>
    private static readonly SubfieldDefinition AuthorityLink = new('9', "Lien d'autorité (identifiant)");

    public static IEnumerable<FieldDefinition> Unimarc()
    {
        yield return Control("001", "Identifiant de la notice", mandatory: false);
        yield return Control("003", "Identifiant pérenne (ark)");
        yield return Control("005", "Date de la dernière transaction");
        yield return Data("010", "ISBN", true, false, Blank, Blank, S('a', "Numéro (ISBN)"), S('b', "Qualificatif"), S('d', "Prix"), S('z', "ISBN erroné", true));
        yield return Data("011", "ISSN", true, false, " 01", Blank, S('a', "Numéro (ISSN)"), S('b', "Qualificatif"), S('d', "Prix"), S('y', "ISSN annulé", true), S('z', "ISSN erroné", true));
        yield return Data("073", "EAN", true, false, Blank, Blank, S('a', "Numéro (EAN)"), S('b', "Qualificatif"));
        yield return Data("100", "Données générales de traitement", false, false, Blank, Blank, S('a', "Données générales de traitement"));
        yield return Data("101", "Langue de la ressource", false, false, "012", Blank, S('a', "Langue du texte", true), S('b', "Langue du texte intermédiaire", true), S('c', "Langue de l'œuvre originale", true));
        yield return Data("102", "Pays de publication", false, false, Blank, Blank, S('a', "Pays de publication", true));
        yield return Data("200", "Titre et mention de responsabilité", false, true, "01", Blank,
            S('a', "Titre propre", true, true), S('b', "Type de document", true), S('c', "Titre propre d'un auteur différent", true),
            S('d', "Titre parallèle", true), S('e', "Complément du titre", true), S('f', "Première mention de responsabilité", true),
            S('g', "Mention de responsabilité suivante", true), S('h', "Numéro de partie", true), S('i', "Titre de partie", true));
        yield return Data("205", "Mention d'édition", true, false, Blank, Blank, S('a', "Mention d'édition"), S('b', "Autre mention d'édition", true), S('f', "Mention de responsabilité relative à l'édition", true));
        yield return Data("210", "Publication, production", true, false, " 01", " 1", S('a', "Lieu de publication", true), S('c', "Nom de l'éditeur", true), S('d', "Date de publication", true), S('e', "Lieu de fabrication", true), S('g', "Nom du fabricant", true), S('h', "Date de fabrication", true));
        yield return Data("214", "Mention de publication, production", true, false, Blank, "01234", S('a', "Lieu", true), S('c', "Nom", true), S('d', "Date", true));
        yield return Data("215", "Description matérielle", true, false, Blank, Blank, S('a', "Importance matérielle", true), S('c', "Autres caractéristiques matérielles"), S('d', "Dimensions", true), S('e', "Matériel d'accompagnement", true));
        yield return Data("225", "Collection", true, false, "012", Blank, S('a', "Titre de la collection"), S('d', "Titre parallèle", true), S('e', "Complément du titre", true), S('f', "Mention de responsabilité", true), S('h', "Numéro de partie", true), S('i', "Titre de partie", true), S('v', "Numéro dans la collection", true), S('x', "ISSN de la collection", true));
        yield return Data("300", "Note générale", true, false, Blank, Blank, S('a', "Texte de la note"));
        yield return Data("330", "Résumé", true, false, Blank, Blank, S('a', "Texte du résumé"));
        yield return Data("410", "Collection (lien)", true, false, Blank, "01", S('t', "Titre"), S('v', "Numéro"), S('x', "ISSN"), S('9', "Lien"));
        yield return Subject("600", "Sujet – nom de personne", " ", "01", S('a', "Élément d'entrée"), S('b', "Partie du nom autre que l'élément d'entrée"), S('f', "Dates"));
        yield return Subject("601", "Sujet – collectivité", "012", "012", S('a', "Élément d'entrée"), S('b', "Subdivision", true));
        yield return Subject("606", "Sujet – nom commun", " ", " 012", S('a', "Élément d'entrée"));
        yield return Subject("607", "Sujet – nom géographique", " ", " ", S('a', "Élément d'entrée"));
        yield return Subject("608", "Forme, genre, caractéristiques physiques", " ", " ", S('a', "Élément d'entrée"));
        yield return Data("610", "Mots-clés libres", true, false, " 012", " 0123456", S('a', "Terme d'indexation", true));
        yield return Data("676", "Classification décimale Dewey", true, false, Blank, Blank, S('a', "Indice"), S('v', "Édition"), S('z', "Langue de l'édition"));
        yield return Data("686", "Autre classification", true, false, Blank, Blank, S('a', "Indice", true), S('b', "Subdivision", true), S('c', "Subdivision", true), S('2', "Code du système"));
        yield return Author("700", "Nom de personne – responsabilité principale", false);
        yield return Author("701", "Nom de personne – autre responsabilité principale", true);
        yield return Author("702", "Nom de personne – responsabilité secondaire", true);
        yield return Author("710", "Collectivité – responsabilité principale", false);
        yield return Author("711", "Collectivité – autre responsabilité principale", true);
        yield return Author("712", "Collectivité – responsabilité secondaire", true);
        yield return Data("801", "Source de la notice", true, false, Blank, "0123", S('a', "Pays"), S('b', "Agence"), S('c', "Date de traitement"), S('g', "Règles de catalogage", true));
        yield return Data("995", "Exemplaire (recommandation 995)", true, false, null, null,
            S('a', "Origine"), S('b', "Propriétaire"), S('c', "Bibliothèque dépositaire"), S('e', "Localisation"), S('f', "Code-barres"),
            S('j', "Numéro d'inventaire"), S('k', "Cote"), S('o', "Statut de prêt"), S('r', "Type de document"), S('u', "Note", true));
    }

    public static IEnumerable<FieldDefinition> Marc21()
    {
        yield return Control("001", "Numéro de contrôle");
        yield return Control("003", "Identifiant du numéro de contrôle");
        yield return Control("005", "Date de la dernière transaction");
        yield return Control("008", "Données codées de longueur fixe");
        yield return Data("010", "Numéro de contrôle LC", false, false, Blank, Blank, S('a', "Numéro LC"), S('z', "Numéro annulé", true));
        yield return Data("020", "ISBN", true, false, Blank, Blank, S('a', "ISBN"), S('c', "Conditions de disponibilité"), S('q', "Qualificatif", true), S('z', "ISBN annulé ou invalide", true));
        yield return Data("022", "ISSN", true, false, " 01", Blank, S('a', "ISSN"), S('y', "ISSN incorrect", true), S('z', "ISSN annulé", true));
        yield return Data("035", "Numéro de contrôle système", true, false, Blank, Blank, S('a', "Numéro"), S('z', "Numéro annulé", true));
        yield return Data("040", "Source du catalogage", false, false, Blank, Blank, S('a', "Agence d'origine"), S('b', "Langue du catalogage"), S('c', "Agence de transcription"), S('d', "Agence de modification", true), S('e', "Règles", true));
        yield return Data("041", "Code de langue", true, false, " 01", " 7", S('a', "Langue du texte", true), S('h', "Langue de l'original", true));
        yield return Data("050", "Cote LC", true, false, " 01", "04", S('a', "Indice", true), S('b', "Numéro d'item"));
        yield return Data("082", "Classification décimale Dewey", true, false, "017", " 04", S('a', "Indice", true), S('b', "Numéro d'item"), S('2', "Édition"));
        yield return Author("100", "Vedette principale – nom de personne", false, marc21: true);
        yield return Author("110", "Vedette principale – collectivité", false, marc21: true);
        yield return Data("245", "Titre", false, true, "01", Digits,
            S('a', "Titre", false, true), S('b', "Complément du titre"), S('c', "Mention de responsabilité"),
            S('h', "Support"), S('n', "Numéro de partie", true), S('p', "Titre de partie", true));
        yield return Data("246", "Variante du titre", true, false, "0123", " 012345678", S('a', "Titre"), S('b', "Complément du titre"));
        yield return Data("250", "Mention d'édition", true, false, Blank, Blank, S('a', "Mention d'édition"), S('b', "Suite de la mention d'édition"));
        yield return Data("260", "Publication, diffusion", true, false, " 23", Blank, S('a', "Lieu de publication", true), S('b', "Nom de l'éditeur", true), S('c', "Date de publication", true));
        yield return Data("264", "Production, publication, diffusion", true, false, " 23", "01234", S('a', "Lieu", true), S('b', "Nom", true), S('c', "Date", true));
        yield return Data("300", "Description matérielle", true, false, Blank, Blank, S('a', "Importance matérielle", true), S('b', "Autres caractéristiques matérielles"), S('c', "Dimensions", true), S('e', "Matériel d'accompagnement"));
        yield return Data("490", "Mention de collection", true, false, "01", Blank, S('a', "Mention de collection", true), S('v', "Numéro", true), S('x', "ISSN", true));
        yield return Data("500", "Note générale", true, false, Blank, Blank, S('a', "Note"));
        yield return Data("504", "Note de bibliographie", true, false, Blank, Blank, S('a', "Note"));
        yield return Data("505", "Note de contenu", true, false, "0128", " 0", S('a', "Note de contenu"), S('t', "Titre", true), S('r', "Responsabilité", true));
        yield return Data("520", "Résumé", true, false, " 012348", Blank, S('a', "Résumé"), S('b', "Développement du résumé"));
        yield return Subject("600", "Sujet – nom de personne", "013", Digits, S('a', "Nom de personne"), S('d', "Dates"));
        yield return Subject("610", "Sujet – collectivité", "012", Digits, S('a', "Collectivité"), S('b', "Subdivision", true));
        yield return Subject("611", "Sujet – réunion", "012", Digits, S('a', "Réunion"));
        yield return Subject("630", "Sujet – titre uniforme", Digits, Digits, S('a', "Titre uniforme"));
        yield return Subject("650", "Sujet – nom commun", " 012", Digits, S('a', "Terme"));
        yield return Subject("651", "Sujet – nom géographique", Blank, Digits, S('a', "Nom géographique"));
        yield return Subject("655", "Genre, forme", " 0", Digits, S('a', "Genre ou forme"));
        yield return Author("700", "Vedette secondaire – nom de personne", true, marc21: true);
        yield return Author("710", "Vedette secondaire – collectivité", true, marc21: true);
        yield return Data("852", "Localisation", true, false, null, null, S('a', "Localisation"), S('b', "Sous-localisation"), S('c', "Emplacement"), S('h', "Cote (classification)"), S('i', "Cote (item)"), S('j', "Cote"), S('p', "Code-barres"));
        yield return Data("952", "Exemplaire (Koha)", true, false, null, null, S('a', "Bibliothèque propriétaire"), S('b', "Bibliothèque dépositaire"), S('c', "Localisation"), S('i', "Numéro d'inventaire"), S('o', "Cote"), S('p', "Code-barres"), S('y', "Type de document"));
    }

    private static SubfieldDefinition S(char code, string label, bool repeatable = false, bool mandatory = false) => new(code, label, repeatable, mandatory);

    private static FieldDefinition Control(string tag, string label, bool mandatory = false) => new(tag, label, false, mandatory, null, null, []);

    private static FieldDefinition Data(string tag, string label, bool repeatable, bool mandatory, string? ind1, string? ind2, params SubfieldDefinition[] subfields) =>
        new(tag, label, repeatable, mandatory, ind1, ind2, subfields);

    /// <summary>A subject heading: its own subfields plus the common subdivisions, source, authority number and link.</summary>
    private static FieldDefinition Subject(string tag, string label, string? ind1, string? ind2, params SubfieldDefinition[] own) =>
        new(tag, label, true, false, ind1, ind2,
        [
            .. own,
            S('j', "Subdivision de forme", true), S('v', "Subdivision de forme", true), S('x', "Subdivision de sujet", true),
            S('y', "Subdivision géographique", true), S('z', "Subdivision chronologique", true), S('2', "Code du système"),
            S('3', "Numéro de la notice d'autorité"), AuthorityLink,
        ]);

    private static FieldDefinition Author(string tag, string label, bool repeatable, bool marc21 = false)
    {
        var corporate = tag[1] == '1';
        SubfieldDefinition[] subfields = marc21
            ? [S('a', corporate ? "Collectivité" : "Nom de personne"), S('b', "Subdivision", true), S('c', "Titres", true), S('d', "Dates"),
               S('e', "Fonction", true), S('q', "Forme développée"), S('4', "Code de fonction", true), S('0', "Numéro d'autorité", true), AuthorityLink]
            : corporate
                ? [S('a', "Élément d'entrée"), S('b', "Subdivision", true), S('c', "Qualificatif", true), S('d', "Numéro de congrès"),
                   S('e', "Lieu du congrès"), S('f', "Date du congrès"), S('3', "Numéro de la notice d'autorité"), S('4', "Code de fonction", true), AuthorityLink]
                : [S('a', "Élément d'entrée"), S('b', "Partie du nom autre que l'élément d'entrée"), S('c', "Qualificatif", true),
                   S('f', "Dates"), S('g', "Forme développée des initiales"), S('3', "Numéro de la notice d'autorité"), S('4', "Code de fonction", true), AuthorityLink];
        var ind1 = marc21 ? (corporate ? "012" : "013") : (corporate ? "01" : Blank);
        var ind2 = marc21 ? (tag[0] == '7' ? " 2" : Blank) : (corporate ? "012" : "01");
        return new FieldDefinition(tag, label, repeatable, false, ind1, ind2, subfields);
    }
}
