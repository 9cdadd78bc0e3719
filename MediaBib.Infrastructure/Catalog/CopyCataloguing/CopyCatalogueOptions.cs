namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>Protocol of a copy-cataloguing target.</summary>
public enum CopyTargetProtocol
{
    /// <summary>SRU searchRetrieve over HTTP(S), CQL queries, MARCXML / MarcXchange answers.</summary>
    Sru,

    /// <summary>Z39.50 through YAZ's ZOOM API (libyaz5), PQF queries with Bib-1 attributes.</summary>
    Z3950,
}

/// <summary>
/// Copy cataloguing, bound from the configuration section <c>CopyCataloguing</c>. The targets are a dictionary keyed by
/// id, so configuration can change one field of a default target (<c>CopyCataloguing__Targets__bnf-sru__Enabled=false</c>)
/// or add a target of its own. See README.md in this folder.
/// </summary>
public sealed class CopyCatalogueOptions
{
    public const string Section = "CopyCataloguing";

    /// <summary>How long one target may take for one search; past it the target is reported as timed out.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most records fetched from each target for one search.</summary>
    public int MaxRecords { get; set; } = 10;

    public Dictionary<string, CopyTargetOptions> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bnf-sru"] = new()
        {
            Name = "BnF (SRU)",
            Protocol = CopyTargetProtocol.Sru,
            Address = "https://catalogue.bnf.fr/api/SRU",
            RecordSchema = "unimarcXchange",
            IsbnIndex = "bib.isbn",
            TitleIndex = "bib.title",
            AuthorIndex = "bib.author",
        },
        ["bnf-z3950"] = new()
        {
            Name = "BnF (Z39.50)",
            Protocol = CopyTargetProtocol.Z3950,
            Address = "z3950.bnf.fr:2211/TOUT-UTF8",
            RecordSyntax = "unimarc",
            User = "Z3950",
            Password = "Z3950_BNF",
        },
        ["sudoc"] = new()
        {
            Name = "SUDOC",
            Protocol = CopyTargetProtocol.Sru,
            Address = "https://www.sudoc.abes.fr/cbs/sru/",
            SruVersion = "1.1",
            RecordSchema = "unimarc",
            IsbnIndex = "isb",
            TitleIndex = "mti",
            AuthorIndex = "aut",
            Relation = "=",
        },
        ["loc"] = new()
        {
            Name = "Library of Congress",
            Protocol = CopyTargetProtocol.Z3950,
            Address = "lx2.loc.gov:210/LCDB",
            RecordSyntax = "usmarc",
        },
    };

    /// <summary>Enabled targets, in id order.</summary>
    public IEnumerable<KeyValuePair<string, CopyTargetOptions>> EnabledTargets =>
        Targets.Where(t => t.Value.Enabled).OrderBy(t => t.Key, StringComparer.Ordinal);

    /// <summary>Null when valid; otherwise one sentence naming the setting.</summary>
    public string? Problem()
    {
        if (Timeout <= TimeSpan.Zero)
        {
            return "CopyCataloguing__Timeout must be a positive duration such as 00:00:10.";
        }

        if (MaxRecords is < 1 or > 100)
        {
            return "CopyCataloguing__MaxRecords must be between 1 and 100.";
        }

        foreach (var (id, target) in Targets)
        {
            if (target.Enabled && target.Problem() is { } problem)
            {
                return $"CopyCataloguing__Targets__{id}__{problem}";
            }
        }

        return null;
    }
}

/// <summary>One Z39.50 or SRU server.</summary>
public sealed class CopyTargetOptions
{
    /// <summary>Shown to the cataloguer.</summary>
    public string Name { get; set; } = "";

    public CopyTargetProtocol Protocol { get; set; } = CopyTargetProtocol.Sru;

    /// <summary>SRU: the base URL. Z39.50: <c>host:port/database</c>.</summary>
    public string Address { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>This target's own timeout; null takes <see cref="CopyCatalogueOptions.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>SRU <c>recordSchema</c> (marcxml, unimarcXchange, unimarc…).</summary>
    public string? RecordSchema { get; set; } = "marcxml";

    public string SruVersion { get; set; } = "1.2";

    /// <summary>CQL index for the ISBN (standard: <c>bath.isbn</c>; BnF: <c>bib.isbn</c>).</summary>
    public string IsbnIndex { get; set; } = "bath.isbn";

    /// <summary>CQL index for title words (standard: <c>dc.title</c>).</summary>
    public string TitleIndex { get; set; } = "dc.title";

    /// <summary>CQL index for author names (standard: <c>dc.creator</c>).</summary>
    public string AuthorIndex { get; set; } = "dc.creator";

    /// <summary>CQL relation between index and term (<c>all</c>: every word; some servers only know <c>=</c>).</summary>
    public string Relation { get; set; } = "all";

    /// <summary>Z39.50 preferred record syntax (<c>unimarc</c>, <c>usmarc</c>).</summary>
    public string? RecordSyntax { get; set; } = "usmarc";

    /// <summary>Z39.50 authentication (the BnF asks for one), or SRU HTTP basic authentication.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    internal string? Problem()
    {
        if (string.IsNullOrWhiteSpace(Address))
        {
            return "Address is missing.";
        }

        return Protocol switch
        {
            CopyTargetProtocol.Sru => Uri.TryCreate(Address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? null
                : "Address must be an http(s) URL for an SRU target.",
            CopyTargetProtocol.Z3950 => Z3950Address.TryParse(Address, out _) ? null : "Address must be host:port/database for a Z39.50 target.",
        };
    }
}

/// <summary>A Z39.50 address <c>host:port/database</c> (the database may carry options, e.g. yaz-ztest's <c>Default?search-delay=2</c>).</summary>
public readonly record struct Z3950Address(string Host, int Port, string Database)
{
    public static bool TryParse(string address, out Z3950Address parsed)
    {
        parsed = default;
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var hostPort = slash < 0 ? address : address[..slash];
        var database = slash < 0 ? "Default" : address[(slash + 1)..];
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || database.Length == 0
            || !int.TryParse(hostPort.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        parsed = new Z3950Address(hostPort[..colon], port, database);
        return true;
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Host}:{Port}/{Database}");
}
