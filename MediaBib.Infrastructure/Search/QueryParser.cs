using System.Text;

namespace MediaBib.Infrastructure.Search;

public enum TermKind
{
    /// <summary>A word, stemmed and accent-folded (plainto_tsquery).</summary>
    Word,

    /// <summary>Words that must follow each other (phraseto_tsquery).</summary>
    Phrase,

    /// <summary>A word beginning (<c>germin*</c>), matched as a prefix of the indexed lexemes (to_tsquery … :*).</summary>
    Prefix,
}

/// <summary>One term of the query. <see cref="Text"/> holds only letters, digits and single spaces.</summary>
public sealed record QueryTerm(TermKind Kind, string Text);

/// <summary>The reader's text split into safe terms, plus identifiers it may be (ISBN, ISSN, barcode).</summary>
public sealed record ParsedQuery(
    string Text,
    IReadOnlyList<QueryTerm> Terms,
    IReadOnlyList<string> Isbns,
    IReadOnlyList<string> Issns,
    string? Barcode,
    IReadOnlyList<SearchNotice> Notices)
{
    public bool IsEmpty => Terms.Count == 0 && Isbns.Count == 0 && Issns.Count == 0 && Barcode is null;
}

/// <summary>
/// Turns whatever was typed into terms that cannot break a query: only letters and digits reach PostgreSQL's text
/// search functions, always as bound parameters. Operators of tsquery syntax (&amp; | ! : ( ) &lt;-&gt;) are dropped,
/// an unclosed quote is read as plain words, and over-long input is cut.
/// </summary>
public static class QueryParser
{
    public const int MaxTextLength = 200;

    public const int MaxTerms = 12;

    /// <summary>Shorter prefixes would match most of the catalogue.</summary>
    public const int MinPrefixLength = 3;

    public static ParsedQuery Parse(string? input)
    {
        var notices = new List<SearchNotice>();
        var text = Clean(input, notices);
        var terms = Tokenize(text, notices);
        if (terms.Count > MaxTerms)
        {
            terms = terms[..MaxTerms];
            notices.Add(SearchNotice.TooManyTerms);
        }

        var identifiers = Identifiers.Read(text);
        return new ParsedQuery(text, terms, identifiers.Isbns, identifiers.Issns, identifiers.Barcode, notices.Distinct().ToList());
    }

    private static string Clean(string? input, List<SearchNotice> notices)
    {
        var raw = input ?? "";
        if (raw.Length > MaxTextLength * 4)
        {
            raw = raw[..(MaxTextLength * 4)];
        }

        var builder = new StringBuilder(raw.Length);
        var ignored = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]))
            {
                builder.Append(c).Append(raw[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
            {
                ignored |= !char.IsWhiteSpace(c);
                builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        if (ignored)
        {
            notices.Add(SearchNotice.CharactersIgnored);
        }

        var text = string.Join(' ', builder.ToString().Normalize(NormalizationForm.FormC)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (text.Length > MaxTextLength)
        {
            var cut = text.LastIndexOf(' ', MaxTextLength);
            text = text[..(cut > MaxTextLength / 2 ? cut : MaxTextLength)].TrimEnd();
            notices.Add(SearchNotice.TextTruncated);
        }

        return text;
    }

    private static List<QueryTerm> Tokenize(string text, List<SearchNotice> notices)
    {
        var terms = new List<QueryTerm>();
        var quotes = text.Count(c => c == '"');
        if (quotes % 2 == 1)
        {
            notices.Add(SearchNotice.UnbalancedQuote);
        }

        var parts = text.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            var insideQuotes = i % 2 == 1 && i < parts.Length - 1;
            if (insideQuotes)
            {
                var words = Words(parts[i], notices, out _);
                if (words.Count > 0)
                {
                    terms.Add(new QueryTerm(words.Count == 1 ? TermKind.Word : TermKind.Phrase, string.Join(' ', words)));
                }
            }
            else
            {
                var words = Words(parts[i], notices, out var prefixes);
                terms.AddRange(words.Select((w, n) => new QueryTerm(prefixes.Contains(n) ? TermKind.Prefix : TermKind.Word, w)));
            }
        }

        return terms;
    }

    /// <summary>Splits on anything that is not a letter or a digit; a word directly followed by * is a prefix.</summary>
    private static List<string> Words(string part, List<SearchNotice> notices, out HashSet<int> prefixes)
    {
        var words = new List<string>();
        prefixes = [];
        var current = new StringBuilder();
        for (var i = 0; i <= part.Length; i++)
        {
            var c = i < part.Length ? part[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                current.Append(c);
                continue;
            }

            if (current.Length > 0)
            {
                if (c == '*' && current.Length >= MinPrefixLength)
                {
                    prefixes.Add(words.Count);
                }

                words.Add(current.ToString());
                current.Clear();
            }
            else if (c == '*')
            {
                notices.Add(SearchNotice.CharactersIgnored);
            }

            if (c is '&' or '|' or '!' or ':' or '(' or ')' or '<' or '>' or '\\' or ';')
            {
                notices.Add(SearchNotice.CharactersIgnored);
            }
        }

        return words;
    }
}
