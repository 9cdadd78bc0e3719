using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>
/// MARC-in-JSON (the format Koha, pymarc and marc4j share) for the <c>Record.Marc</c> jsonb column:
/// <c>{"leader":"…","fields":[{"001":"…"},{"200":{"ind1":"1","ind2":" ","subfields":[{"a":"…"}]}}]}</c>.
/// Lossless: order of fields and subfields, indicators, and control vs data field (string vs object) are kept.
/// </summary>
public static class MarcJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // One buffer and writer per thread, reused record after record (an import serializes every record it reads).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public static string Serialize(MarcRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = _threadBuffer ??= new ArrayBufferWriter<byte>(8192);
        buffer.ResetWrittenCount();
        var json = _threadWriter ??= new Utf8JsonWriter(buffer, WriterOptions);
        json.Reset(buffer);
        try
        {
            json.WriteStartObject();
            json.WriteString("leader", record.Leader);
            json.WriteStartArray("fields");
            foreach (var field in record.Fields)
            {
                json.WriteStartObject();
                switch (field)
                {
                    case MarcControlField control:
                        json.WriteString(control.Tag, control.Data);
                        break;
                    case MarcDataField data:
                        json.WriteStartObject(data.Tag);
                        var ind1 = data.Indicator1;
                        var ind2 = data.Indicator2;
                        json.WriteString("ind1", new ReadOnlySpan<char>(in ind1));
                        json.WriteString("ind2", new ReadOnlySpan<char>(in ind2));
                        json.WriteStartArray("subfields");
                        foreach (var subfield in data.SubfieldSpan)
                        {
                            var code = subfield.Code;
                            json.WriteStartObject();
                            json.WriteString(new ReadOnlySpan<char>(in code), subfield.Value);
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                        json.WriteEndObject();
                        break;
                    default:
                        throw new MarcWriteException($"Unknown field type {field.GetType().Name}.");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch
        {
            // A writer left mid-record is not reused.
            _threadWriter = null;
            throw;
        }
    }

    /// <summary>Reads MARC-in-JSON back; throws <see cref="FormatException"/> when the JSON is not a MARC record.</summary>
    public static MarcRecord Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var leader = root.GetProperty("leader").GetString() ?? throw new FormatException("leader is null");
            var fields = new List<MarcField>();
            foreach (var item in root.GetProperty("fields").EnumerateArray())
            {
                var property = Single(item, "field");
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    fields.Add(new MarcControlField(property.Name, property.Value.GetString()!));
                    continue;
                }

                var body = property.Value;
                var subfields = new List<MarcSubfield>();
                foreach (var sub in body.GetProperty("subfields").EnumerateArray())
                {
                    var s = Single(sub, "subfield");
                    subfields.Add(new MarcSubfield(OneChar(s.Name, "subfield code"), s.Value.GetString()
                        ?? throw new FormatException($"subfield {s.Name} of {property.Name} is not a string")));
                }

                fields.Add(new MarcDataField(
                    property.Name,
                    OneChar(body.GetProperty("ind1").GetString(), "ind1"),
                    OneChar(body.GetProperty("ind2").GetString(), "ind2"),
                    subfields));
            }

            return new MarcRecord(leader, fields);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"Not a MARC-in-JSON record: {e.Message}", e);
        }
    }

    private static JsonProperty Single(JsonElement element, string what)
    {
        JsonProperty? found = null;
        foreach (var property in element.EnumerateObject())
        {
            if (found is not null)
            {
                throw new FormatException($"a {what} object must have exactly one property");
            }

            found = property;
        }

        return found ?? throw new FormatException($"empty {what} object");
    }

    private static char OneChar(string? value, string what) =>
        value is { Length: 1 } ? value[0] : throw new FormatException($"{what} must be one character, not '{value}'");
}
