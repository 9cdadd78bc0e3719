using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>A server to copy records from: Z39.50 (<see cref="Z3950Target"/>) or SRU (<see cref="SruTarget"/>).</summary>
public interface ICopyCatalogueTarget
{
    /// <summary>The configuration key (<c>bnf-sru</c>, <c>loc</c>…).</summary>
    string Id { get; }

    string Name { get; }

    CopyTargetProtocol Protocol { get; }

    /// <summary>How long one search may take before <see cref="CopyCatalogueClient"/> reports a timeout.</summary>
    TimeSpan Timeout { get; }

    /// <summary>
    /// Searches and fetches at most <paramref name="maxRecords"/> records, parsed by the MARC codec (records that do not
    /// parse come back as <see cref="MarcReadError"/>). Throws <see cref="CopyTargetException"/> when the server refuses
    /// or cannot be reached.
    /// </summary>
    Task<CopyTargetAnswer> SearchAsync(CopyCatalogueQuery query, int maxRecords, CancellationToken cancellationToken);
}

/// <param name="Hits">How many records the server found (it may be more than were fetched).</param>
/// <param name="Results">The fetched records, in the server's order.</param>
public sealed record CopyTargetAnswer(long Hits, IReadOnlyList<MarcReadResult> Results);

/// <summary>A target could not answer: connection refused, diagnostic, HTTP error, missing libyaz.</summary>
public sealed class CopyTargetException(string message, Exception? inner = null) : Exception(message, inner);
