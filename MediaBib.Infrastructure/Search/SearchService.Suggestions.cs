using Npgsql;
using NpgsqlTypes;

namespace MediaBib.Infrastructure.Search;

public sealed partial class SearchService
{
    /// <summary>Words shorter than this are left as typed: trigrams say little about them.</summary>
    private const int MinCorrectableLength = 4;

    private const string WordSimilarityThreshold = "0.4";

    /// <summary>
    /// For each word, the closest word (trigram similarity) found in the catalogue's titles and author names, using
    /// the trigram indexes on <c>records.title_normalized</c> and <c>authors.name_normalized</c>. A word that exists
    /// as typed is kept. Returns null when nothing would change.
    /// </summary>
    private const string SuggestionSql = """
        SELECT u.ord, q.word, best.w
        FROM unnest(@words) WITH ORDINALITY AS u(raw, ord)
        CROSS JOIN LATERAL (SELECT f_unaccent(lower(u.raw)) AS word) q
        LEFT JOIN LATERAL (
          SELECT w FROM (
            (SELECT r.title_normalized AS t FROM records r WHERE q.word <% r.title_normalized
             ORDER BY word_similarity(q.word, r.title_normalized) DESC LIMIT 20)
            UNION ALL
            (SELECT a.name_normalized FROM authors a WHERE q.word <% a.name_normalized
             ORDER BY word_similarity(q.word, a.name_normalized) DESC LIMIT 20)
          ) c CROSS JOIN LATERAL regexp_split_to_table(c.t, '[^[:alnum:]]+') AS w
          WHERE length(w) >= 2 AND similarity(w, q.word) >= 0.3
          ORDER BY (w = q.word) DESC, similarity(w, q.word) DESC, w
          LIMIT 1) best ON true
        ORDER BY u.ord
        """;

    private static async Task<string?> SuggestAsync(NpgsqlConnection connection, ParsedQuery parsed, CancellationToken ct)
    {
        var words = parsed.Terms
            .Where(t => t.Kind != TermKind.Prefix)
            .SelectMany(t => t.Text.Split(' '))
            .ToArray();
        if (words.Length == 0 || words.All(w => w.Length < MinCorrectableLength))
        {
            return null;
        }

        // The default word-similarity threshold (0.6) misses one-letter typos in short words ("germnal" is 0.55 from
        // "germinal"); lower it for this statement only.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var threshold = new NpgsqlCommand(
            $"SET LOCAL pg_trgm.word_similarity_threshold = {WordSimilarityThreshold}", connection, transaction))
        {
            await threshold.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand(SuggestionSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("words", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = words });
        var folded = new List<string>();
        var corrected = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var word = reader.GetString(1);
                folded.Add(word);
                corrected.Add(!reader.IsDBNull(2) && word.Length >= MinCorrectableLength ? reader.GetString(2) : word);
            }
        }

        await transaction.CommitAsync(ct);
        return corrected.SequenceEqual(folded, StringComparer.Ordinal) ? null : Rebuild(parsed.Terms, corrected);
    }

    /// <summary>Puts corrected words back into the query's shape (phrases quoted, prefixes kept).</summary>
    private static string Rebuild(IReadOnlyList<QueryTerm> terms, List<string> corrected)
    {
        var next = 0;
        var parts = new List<string>();
        foreach (var term in terms)
        {
            switch (term.Kind)
            {
                case TermKind.Prefix:
                    parts.Add(term.Text.ToLowerInvariant() + "*");
                    break;
                case TermKind.Word:
                    parts.Add(corrected[next++]);
                    break;
                case TermKind.Phrase:
                    var count = term.Text.Split(' ').Length;
                    parts.Add("\"" + string.Join(' ', corrected.Skip(next).Take(count)) + "\"");
                    next += count;
                    break;
            }
        }

        return string.Join(' ', parts);
    }
}
