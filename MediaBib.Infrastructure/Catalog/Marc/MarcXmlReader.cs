using System.Globalization;
using System.Xml;

namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>
/// Streaming reader of MARC in XML: MARCXML (<c>http://www.loc.gov/MARC21/slim</c>), records with no namespace (UNIMARC
/// exports from SUDOC or Koha), MarcXchange (<c>info:lc/xmlns/marcxchange-v1/-v2</c>, what the BnF's SRU returns), in a
/// <c>collection</c> or inside an SRU <c>searchRetrieveResponse</c>. SRU diagnostics (surrogate ones in place of a
/// record, and request-level ones) are reported as errors. XML that stops being well-formed part-way is reported
/// once, with the records before it delivered.
/// </summary>
public static class MarcXmlReader
{
    public const string MarcXmlNamespace = "http://www.loc.gov/MARC21/slim";
    public const string MarcXchangeNamespace = "info:lc/xmlns/marcxchange-v2";
    public const string MarcXchangeV1Namespace = "info:lc/xmlns/marcxchange-v1";
    public const string SruDiagnosticNamespace = "http://www.loc.gov/zing/srw/diagnostic/";

    public static IEnumerable<MarcReadResult> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadIterator(stream);
    }

    public static IEnumerable<MarcReadResult> ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        foreach (var result in Read(stream))
        {
            yield return result;
        }
    }

    private static IEnumerable<MarcReadResult> ReadIterator(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            XmlResolver = null,
        };
        using var xml = XmlReader.Create(stream, settings);
        var state = new State(xml);
        while (true)
        {
            MarcReadResult? next;
            try
            {
                next = state.Next();
            }
            catch (XmlException e)
            {
                next = new MarcReadError(state.InRecord ? state.RecordNumber : state.RecordNumber + 1, null, MarcReadErrorReason.XmlNotWellFormed, e.Message)
                {
                    Line = e.LineNumber,
                    Column = e.LinePosition,
                };
                state.Stop();
            }

            if (next is null)
            {
                yield break;
            }

            yield return next;
        }
    }

    private static bool IsMarcNamespace(string ns) =>
        ns is "" or MarcXmlNamespace or MarcXchangeNamespace or MarcXchangeV1Namespace;

    private sealed class State(XmlReader xml)
    {
        private readonly IXmlLineInfo? _lines = xml as IXmlLineInfo;
        private bool _stopped;
        private int _recordDataDepth = -1;
        private bool _positioned;

        public long RecordNumber { get; private set; }

        /// <summary>True while a record or diagnostic is being read (its number is already counted).</summary>
        public bool InRecord { get; private set; }

        public void Stop() => _stopped = true;

        public MarcReadResult? Next()
        {
            while (!_stopped)
            {
                // After a record or diagnostic the reader already stands on the following node.
                if (!_positioned && !xml.Read())
                {
                    return null;
                }

                _positioned = false;
                if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == _recordDataDepth)
                {
                    _recordDataDepth = -1;
                }

                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (xml.LocalName == "recordData" && !IsMarcNamespace(xml.NamespaceURI) && !xml.IsEmptyElement)
                {
                    _recordDataDepth = xml.Depth;
                }
                else if (xml.LocalName == "record" && IsMarcNamespace(xml.NamespaceURI))
                {
                    InRecord = true;
                    var record = ReadRecord();
                    InRecord = false;
                    _positioned = true;
                    return record;
                }
                else if (xml.LocalName == "diagnostic" && xml.NamespaceURI == SruDiagnosticNamespace)
                {
                    InRecord = true;
                    var diagnostic = ReadDiagnostic(surrogate: _recordDataDepth >= 0);
                    InRecord = false;
                    _positioned = true;
                    return diagnostic;
                }
            }

            return null;
        }

        private MarcReadError Error(MarcReadErrorReason reason, string detail, int line, int column) =>
            new(RecordNumber, null, reason, detail) { Line = line, Column = column };

        private MarcReadResult ReadDiagnostic(bool surrogate)
        {
            var (line, column) = Position();
            RecordNumber++;
            string? uri = null, message = null, details = null;
            ForEachChild(() =>
            {
                switch (xml.LocalName)
                {
                    case "uri":
                        uri = xml.ReadElementContentAsString();
                        break;
                    case "message":
                        message = xml.ReadElementContentAsString();
                        break;
                    case "details":
                        details = xml.ReadElementContentAsString();
                        break;
                    default:
                        xml.Skip();
                        break;
                }
            });

            var text = string.Join(" — ", new[] { uri, message, details }.Where(s => !string.IsNullOrWhiteSpace(s)));
            return Error(surrogate ? MarcReadErrorReason.SurrogateDiagnostic : MarcReadErrorReason.SruDiagnostic,
                text.Length == 0 ? "SRU diagnostic without a message" : text, line, column);
        }

        private MarcReadResult ReadRecord()
        {
            var (line, column) = Position();
            RecordNumber++;
            string? leader = null;
            var fields = new List<MarcField>();
            MarcReadError? problem = null;
            void Fail(MarcReadErrorReason reason, string detail)
            {
                if (problem is null)
                {
                    var (l, c) = Position();
                    problem = Error(reason, detail, l, c);
                }
            }

            ForEachChild(() =>
            {
                if (!IsMarcNamespace(xml.NamespaceURI))
                {
                    xml.Skip();
                    return;
                }

                switch (xml.LocalName)
                {
                    case "leader":
                        leader = xml.ReadElementContentAsString();
                        if (leader.Length != MarcRecord.LeaderLength)
                        {
                            Fail(MarcReadErrorReason.BadLeader,
                                string.Create(CultureInfo.InvariantCulture, $"leader has {leader.Length} characters, not 24"));
                        }

                        break;
                    case "controlfield":
                        {
                            var tag = xml.GetAttribute("tag");
                            var data = xml.ReadElementContentAsString();
                            if (CheckTag(tag, "controlfield", Fail))
                            {
                                fields.Add(new MarcControlField(tag!, data));
                            }

                            break;
                        }

                    case "datafield":
                        {
                            var field = ReadDataField(Fail);
                            if (field is not null)
                            {
                                fields.Add(field);
                            }

                            break;
                        }

                    default:
                        xml.Skip();
                        break;
                }
            });

            if (problem is not null)
            {
                return problem;
            }

            if (leader is null)
            {
                return Error(fields.Count == 0 ? MarcReadErrorReason.EmptyRecord : MarcReadErrorReason.MissingLeader,
                    fields.Count == 0 ? "record with neither leader nor fields" : "record without a leader", line, column);
            }

            return new MarcRecordRead(RecordNumber, null, new MarcRecord(leader, fields), MarcEncoding.Utf8);
        }

        private MarcDataField? ReadDataField(Action<MarcReadErrorReason, string> fail)
        {
            var tag = xml.GetAttribute("tag");
            // Missing or empty indicators (seen in MARC::File::XML output) are blanks.
            var ind1 = xml.GetAttribute("ind1") is { Length: > 0 } i1 ? i1 : " ";
            var ind2 = xml.GetAttribute("ind2") is { Length: > 0 } i2 ? i2 : " ";
            var valid = CheckTag(tag, "datafield", fail);
            if (ind1.Length != 1 || ind2.Length != 1)
            {
                fail(MarcReadErrorReason.InvalidIndicators, $"datafield {tag} has indicators '{ind1}' '{ind2}'");
                valid = false;
            }

            var subfields = new List<MarcSubfield>();
            ForEachChild(() =>
            {
                if (xml.LocalName != "subfield")
                {
                    xml.Skip();
                    return;
                }

                var code = xml.GetAttribute("code");
                var value = xml.ReadElementContentAsString();
                if (code is null)
                {
                    fail(MarcReadErrorReason.MissingSubfieldCode, $"subfield of {tag} without a code attribute");
                    valid = false;
                }
                else if (code.Length != 1)
                {
                    fail(MarcReadErrorReason.InvalidSubfield, $"subfield of {tag} with code '{code}'");
                    valid = false;
                }
                else
                {
                    subfields.Add(new MarcSubfield(code[0], value));
                }
            });

            return valid ? new MarcDataField(tag!, ind1[0], ind2[0], subfields) : null;
        }

        /// <summary>
        /// Calls <paramref name="onChild"/> positioned on each child element of the current element; the callback must
        /// consume that element entirely. Leaves the reader after the current element's end.
        /// </summary>
        private void ForEachChild(Action onChild)
        {
            if (xml.IsEmptyElement)
            {
                xml.Read();
                return;
            }

            var depth = xml.Depth;
            xml.Read();
            while (!xml.EOF && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
            {
                if (xml.NodeType == XmlNodeType.Element)
                {
                    onChild();
                }
                else
                {
                    xml.Read();
                }
            }

            xml.Read();
        }

        private static bool CheckTag(string? tag, string element, Action<MarcReadErrorReason, string> fail)
        {
            if (tag is null)
            {
                fail(MarcReadErrorReason.MissingTag, $"{element} without a tag attribute");
                return false;
            }

            if (tag.Length != 3 || tag.Any(c => c is <= ' ' or > '~'))
            {
                fail(MarcReadErrorReason.InvalidTag, $"{element} with tag '{tag}'");
                return false;
            }

            return true;
        }

        private (int Line, int Column) Position() =>
            _lines is { } info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);
    }
}
