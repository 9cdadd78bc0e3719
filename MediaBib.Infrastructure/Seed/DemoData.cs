namespace MediaBib.Infrastructure.Seed;

/// <summary>French names and title parts for the demo network. Fiction, not real patrons.</summary>
internal static class DemoData
{
    public static readonly string[] FirstNames =
    [
        "Marie", "Jean", "Élise", "Frédéric", "Camille", "Louis", "Chloé", "Hugo", "Léa", "Théo", "Manon", "Lucas",
        "Inès", "Gabriel", "Zoé", "Raphaël", "Jeanne", "Arthur", "Clémence", "Noé", "Anaïs", "Jérôme", "Hélène",
        "François", "Cécile", "Benoît", "Agnès", "Rémi", "Solène", "Gaëlle", "Loïc", "Maëlys", "Joël", "Océane",
        "Ségolène", "Hervé", "Nathalie", "Thérèse", "Denis", "Aurélie",
    ];

    public static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
        "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
        "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martínez", "Legrand",
        "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Müller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
        "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Côté", "Bélanger",
    ];

    public static readonly (string Name, string Dates)[] Authors =
    [
        ("Hugo, Victor", "1802-1885"), ("Zola, Émile", "1840-1902"), ("Flaubert, Gustave", "1821-1880"),
        ("Sand, George", "1804-1876"), ("Duras, Marguerite", "1914-1996"), ("Camus, Albert", "1913-1960"),
        ("Yourcenar, Marguerite", "1903-1987"), ("Saint-Exupéry, Antoine de", "1900-1944"),
        ("Colette", "1873-1954"), ("Proust, Marcel", "1871-1922"), ("Ernaux, Annie", "1940-"),
        ("Modiano, Patrick", "1945-"), ("Le Clézio, Jean-Marie Gustave", "1940-"), ("Vargas, Fred", "1957-"),
        ("Pennac, Daniel", "1944-"), ("Goscinny, René", "1926-1977"), ("Uderzo, Albert", "1927-2020"),
        ("Sempé, Jean-Jacques", "1932-2022"), ("Slimani, Leïla", "1981-"), ("Maalouf, Amin", "1949-"),
        ("Verne, Jules", "1828-1905"), ("Dumas, Alexandre", "1802-1870"), ("Balzac, Honoré de", "1799-1850"),
        ("Stendhal", "1783-1842"), ("Maupassant, Guy de", "1850-1893"), ("Beauvoir, Simone de", "1908-1986"),
        ("Gary, Romain", "1914-1980"), ("Queneau, Raymond", "1903-1976"), ("Sagan, Françoise", "1935-2004"),
        ("Houellebecq, Michel", "1956-"), ("Musso, Guillaume", "1974-"), ("Lévy, Marc", "1961-"),
        ("Thilliez, Franck", "1973-"), ("Chattam, Maxime", "1976-"), ("Ponti, Claude", "1948-"),
        ("Riad Sattouf", "1978-"), ("Satrapi, Marjane", "1969-"), ("Bourdieu, Pierre", "1930-2002"),
    ];

    public static readonly string[] TitleStarts =
    [
        "Le secret de", "Les enfants de", "La nuit de", "Le voyage à", "L'été à", "Souvenirs de", "Le jardin de",
        "Les lumières de", "La maison de", "Le dernier hiver à", "Une saison à", "Les chemins de", "La mémoire de",
        "Le silence de", "Les oiseaux de", "Histoire de", "Le mystère de", "Les rêves d'", "Retour à", "L'ombre de",
    ];

    public static readonly string[] TitleEnds =
    [
        "Élise", "Marseille", "la forêt", "Saint-Malo", "l'océan", "Montmartre", "la Loire", "Frédéric", "l'île",
        "Bretagne", "la montagne", "Lyon", "Chloé", "la rivière", "Provence", "Hélène", "l'aube", "Noël", "Corse",
        "la ville", "Toulouse", "Céline", "l'orage", "Normandie", "Ségolène", "Bordeaux", "la lune", "Anaïs",
    ];

    public static readonly string[] Subjects =
    [
        "Romans policiers", "Romans historiques", "Science-fiction", "Bandes dessinées", "Albums jeunesse",
        "Cuisine française", "Histoire de France", "Voyages", "Philosophie", "Poésie", "Musique classique",
        "Jazz", "Cinéma", "Jardinage", "Nature", "Écologie", "Sociologie", "Biographies", "Théâtre", "Art",
    ];

    public static readonly string[] Publishers =
    [
        "Gallimard", "Flammarion", "Albin Michel", "Le Seuil", "Actes Sud", "Grasset", "Stock", "L'École des loisirs",
        "Dargaud", "Casterman", "Hachette", "Fayard", "POL", "Minuit", "Robert Laffont",
    ];

    public static readonly string[] Cities =
    [
        "Rennes", "Nantes", "Lyon", "Lille", "Dijon", "Tours", "Angers", "Brest", "Grenoble", "Nancy",
    ];

    public static readonly string[] Streets =
    [
        "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Voltaire", "rue des Écoles",
        "place de la Mairie", "rue du Château", "allée des Tilleuls", "rue Pasteur", "chemin des Vignes",
    ];
}
