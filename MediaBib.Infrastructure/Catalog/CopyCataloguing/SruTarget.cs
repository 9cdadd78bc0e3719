using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using MediaBib.Infrastructure.Catalog.Marc;

namespace MediaBib.Infrastructure.Catalog.CopyCataloguing;

/// <summary>
/// An SRU server: one <c>searchRetrieve</c> GET with a CQL query built from the target's index names, the answer parsed
/// by <see cref="MarcXmlReader"/> (MARCXML, MarcXchange, UNIMARC XML inside the SRU envelope). A request-level SRU
/// diagnostic is a failure of the search; a surrogate diagnostic stands for one record.
/// </summary>
public sealed class SruTarget : ICopyCatalogueTarget
{
    /// <summary>Answers larger than this are refused (100 full records are far smaller).</summary>
    private const int MaxAnswerBytes = 32 << 20;

    private readonly CopyTargetOptions _options;
    private readonly HttpClient _http;

    public SruTarget(string id, CopyTargetOptions options, TimeSpan defaultTimeout, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        Id = id;
        Name = string.IsNullOrWhiteSpace(options.Name) ? id : options.Name;
        Timeout = options.Timeout ?? defaultTimeout;
        _options = options;
        _http = http;
    }

    public string Id { get; }

    public string Name { get; }

    public CopyTargetProtocol Protocol => CopyTargetProtocol.Sru;

    public TimeSpan Timeout { get; }

    /// <summary>The searchRetrieve URL for a query (public for the README and tests).</summary>
    public Uri RequestUri(CopyCatalogueQuery query, int maxRecords)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = new StringBuilder(_options.Address);
        url.Append(_options.Address.Contains('?', StringComparison.Ordinal) ? '&' : '?');
        url.Append("operation=searchRetrieve&version=").Append(Uri.EscapeDataString(_options.SruVersion));
        url.Append("&query=").Append(Uri.EscapeDataString(query.ToCql(_options)));
        url.Append("&startRecord=1&maximumRecords=").Append(maxRecords.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(_options.RecordSchema))
        {
            url.Append("&recordSchema=").Append(Uri.EscapeDataString(_options.RecordSchema));
        }

        return new Uri(url.ToString());
    }

    public async Task<CopyTargetAnswer> SearchAsync(CopyCatalogueQuery query, int maxRecords, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RequestUri(query, maxRecords));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
        if (!string.IsNullOrEmpty(_options.User))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.User}:{_options.Password}")));
        }

        byte[] body;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CopyTargetException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name}: HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {_options.Address}."));
            }

            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                throw new CopyTargetException($"{Name}: the answer is too large.");
            }

            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CopyTargetException($"{Name}: {_options.Address} cannot be reached ({e.Message}).", e);
        }

        var hits = NumberOfRecords(body);
        var results = new List<MarcReadResult>();
        using (var stream = new MemoryStream(body, writable: false))
        {
            foreach (var result in MarcXmlReader.Read(stream))
            {
                if (result is MarcReadError { Reason: MarcReadErrorReason.SruDiagnostic } diagnostic)
                {
                    throw new CopyTargetException($"{Name}: the server refused the search: {diagnostic.Detail}.");
                }

                if (result is MarcReadError { Reason: MarcReadErrorReason.XmlNotWellFormed } broken && results.Count == 0 && hits is null)
                {
                    throw new CopyTargetException($"{Name}: the answer is not an SRU response ({broken.Detail}).");
                }

                results.Add(CopyRecordParser.Renumber(result, results.Count + 1));
            }
        }

        return new CopyTargetAnswer(hits ?? results.Count, results);
    }

    /// <summary>The SRU <c>numberOfRecords</c>, or null when the answer has none.</summary>
    private static long? NumberOfRecords(byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var xml = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "numberOfRecords")
                {
                    return long.TryParse(xml.ReadElementContentAsString().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
                }
            }
        }
        catch (XmlException)
        {
            // The record reader reports the broken XML.
        }

        return null;
    }
}
