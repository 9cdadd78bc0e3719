namespace MediaBib.Sip2.Protocol;

/// <summary>One variable-length field: a two-character id and its value.</summary>
public readonly record struct Sip2Field(string Id, string Value);

/// <summary>
/// The variable fields of a request in the order received, repeated ids kept, unknown ids preserved.
/// </summary>
public sealed class Sip2Fields(IReadOnlyList<Sip2Field> fields)
{
    public IReadOnlyList<Sip2Field> All { get; } = fields;

    /// <summary>The first value of <paramref name="id"/>, or null when absent.</summary>
    public string? this[string id]
    {
        get
        {
            foreach (var field in All)
            {
                if (field.Id == id)
                {
                    return field.Value;
                }
            }
            return null;
        }
    }

    public IEnumerable<string> Values(string id) => All.Where(f => f.Id == id).Select(f => f.Value);

    public bool Has(string id) => this[id] is not null;

    /// <summary>Fields whose id this server does not read for the message (kept for logs and future use).</summary>
    public IEnumerable<Sip2Field> Unknown(IReadOnlySet<string> known) => All.Where(f => !known.Contains(f.Id));
}
