using System.Text;

namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>
/// What the cataloguer looks for: an ISBN, title words, author words, or several of them (all must match). Turned into
/// PQF with Bib-1 use attributes for Z39.50 (7 ISBN, 4 title, 1003 author) and into CQL for SRU.
/// </summary>
public sealed record CopyCatalogueQuery
{
    public string? Isbn { get; init; }

    public string? Title { get; init; }

    public string? Author { get; init; }

    public bool IsEmpty => NormalizedIsbn is null && Words(Title).Count == 0 && Words(Author).Count == 0;

    /// <summary>The ISBN without hyphens or spaces, upper-case X; null when none was given.</summary>
    public string? NormalizedIsbn
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Isbn))
            {
                return null;
            }

            var kept = new StringBuilder(Isbn.Length);
            foreach (var c in Isbn)
            {
                if (char.IsAsciiDigit(c))
                {
                    kept.Append(c);
                }
                else if (c is 'x' or 'X')
                {
                    kept.Append('X');
                }
            }

            return kept.Length == 0 ? null : kept.ToString();
        }
    }

    /// <summary>Prefix Query Format: <c>@and @attr 1=7 "…" @attr 1=4 "word" …</c>, each title/author word a term.</summary>
    public string ToPqf()
    {
        var terms = new List<string>();
        if (NormalizedIsbn is { } isbn)
        {
            terms.Add("@attr 1=7 " + PqfTerm(isbn));
        }

        terms.AddRange(Words(Title).Select(w => "@attr 1=4 " + PqfTerm(w)));
        terms.AddRange(Words(Author).Select(w => "@attr 1=1003 " + PqfTerm(w)));
        if (terms.Count == 0)
        {
            throw new InvalidOperationException("An empty query cannot be sent.");
        }

        return string.Concat(Enumerable.Repeat("@and ", terms.Count - 1)) + string.Join(' ', terms);
    }

    /// <summary>CQL with the target's index names: <c>bib.isbn all "…" and bib.title all "petit prince"</c>.</summary>
    public string ToCql(CopyTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var clauses = new List<string>();
        if (NormalizedIsbn is { } isbn)
        {
            clauses.Add($"{target.IsbnIndex} {target.Relation} {CqlTerm(isbn)}");
        }

        if (Words(Title) is { Count: > 0 } title)
        {
            clauses.Add($"{target.TitleIndex} {target.Relation} {CqlTerm(string.Join(' ', title))}");
        }

        if (Words(Author) is { Count: > 0 } author)
        {
            clauses.Add($"{target.AuthorIndex} {target.Relation} {CqlTerm(string.Join(' ', author))}");
        }

        if (clauses.Count == 0)
        {
            throw new InvalidOperationException("An empty query cannot be sent.");
        }

        return string.Join(" and ", clauses);
    }

    private static List<string> Words(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split((char[])[' ', '\t', ',', ';', ':', '.', '/', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string PqfTerm(string term) => "\"" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string CqlTerm(string term) => "\"" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
