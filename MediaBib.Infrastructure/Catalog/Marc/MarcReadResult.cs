namespace MediaBib.Infrastructure.Catalog.Marc;

/// <summary>One item of a reader's output: a record (<see cref="MarcRecordRead"/>) or an error (<see cref="MarcReadError"/>).</summary>
public abstract record MarcReadResult
{
    /// <summary>1-based position of the record in the input (records and rejected records both count).</summary>
    public abstract long RecordNumber { get; }
}

/// <summary>A record read successfully.</summary>
/// <remarks>ByteOffset: where the record starts in an ISO 2709 stream (null for XML). SourceEncoding: the character set
/// the record was in before conversion to Unicode.</remarks>
public sealed record MarcRecordRead(long RecordNumber, long? ByteOffset, MarcRecord Record, MarcEncoding SourceEncoding)
    : MarcReadResult
{
    public override long RecordNumber { get; } = RecordNumber;
}

/// <summary>A rejected record (or stray bytes, or an SRU diagnostic): where and why. The reader goes on after it.</summary>
/// <remarks>ByteOffset: offset in an ISO 2709 stream; null for XML (see <see cref="Line"/>).</remarks>
public sealed record MarcReadError(long RecordNumber, long? ByteOffset, MarcReadErrorReason Reason, string Detail)
    : MarcReadResult
{
    public override long RecordNumber { get; } = RecordNumber;

    /// <summary>Line in an XML input (1-based), when known.</summary>
    public int? Line { get; init; }

    public int? Column { get; init; }

    /// <summary>Stable code for reports and the API, e.g. <c>marc.bad-leader</c>.</summary>
    public string Code => Reason.ToCode();

    public override string ToString()
    {
        var where = ByteOffset is { } o ? $"byte {o}" : Line is { } l ? $"line {l}:{Column}" : "?";
        return $"record {RecordNumber} at {where}: {Code}: {Detail}";
    }
}

/// <summary>Why a record was rejected. Each value has a stable code (<see cref="MarcReadErrorReasonCodes.ToCode"/>).</summary>
public enum MarcReadErrorReason
{
    /// <summary>Leader not 24 ASCII characters, or record length / base address not numeric.</summary>
    BadLeader,

    /// <summary>Directory not made of whole entries, non-numeric lengths or starts, or not ended by a field terminator.</summary>
    BadDirectory,

    /// <summary>A directory entry points outside the data area or not at a field ending with the field terminator.</summary>
    DirectoryOffsetMismatch,

    /// <summary>The leader's record length does not match where the record terminator is.</summary>
    RecordLengthMismatch,

    /// <summary>The record does not end with the record terminator (0x1D) where its length says.</summary>
    MissingRecordTerminator,

    /// <summary>The stream ended inside a record.</summary>
    TruncatedRecord,

    /// <summary>Bytes between records that do not start a record (fillers, line feeds, end-of-file marks).</summary>
    StrayBytes,

    /// <summary>A record longer than the reader accepts (ISO 2709 allows 99,999 bytes).</summary>
    RecordTooLong,

    /// <summary>Indicators missing or not printable ASCII.</summary>
    InvalidIndicators,

    /// <summary>A data field whose content does not start with a subfield delimiter, or a subfield without a code.</summary>
    InvalidSubfield,

    /// <summary>A tag that is not 3 printable ASCII characters.</summary>
    InvalidTag,

    /// <summary>The record says (or is taken to be) UTF-8 but its bytes are not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A legacy character set (MARC-8, ISO 5426, ISO 6937) could not be converted.</summary>
    CharsetConversionFailed,

    /// <summary>A legacy character set needs YAZ (libyaz5), which is not installed.</summary>
    CharsetConverterUnavailable,

    /// <summary>XML that is not well-formed: reading stops here, the records before it were delivered.</summary>
    XmlNotWellFormed,

    /// <summary>An XML record without a leader.</summary>
    MissingLeader,

    /// <summary>An XML record with neither leader nor fields.</summary>
    EmptyRecord,

    /// <summary>An XML control field or data field without a tag attribute.</summary>
    MissingTag,

    /// <summary>An XML subfield without a code attribute.</summary>
    MissingSubfieldCode,

    /// <summary>An SRU surrogate diagnostic stands in place of a record (e.g. info:srw/diagnostic/1/131).</summary>
    SurrogateDiagnostic,

    /// <summary>An SRU diagnostic for the whole request (no records follow from it).</summary>
    SruDiagnostic,
}

public static class MarcReadErrorReasonCodes
{
    public static string ToCode(this MarcReadErrorReason reason) => reason switch
    {
        MarcReadErrorReason.BadLeader => "marc.bad-leader",
        MarcReadErrorReason.BadDirectory => "marc.bad-directory",
        MarcReadErrorReason.DirectoryOffsetMismatch => "marc.directory-offset-mismatch",
        MarcReadErrorReason.RecordLengthMismatch => "marc.record-length-mismatch",
        MarcReadErrorReason.MissingRecordTerminator => "marc.missing-record-terminator",
        MarcReadErrorReason.TruncatedRecord => "marc.truncated-record",
        MarcReadErrorReason.StrayBytes => "marc.stray-bytes",
        MarcReadErrorReason.RecordTooLong => "marc.record-too-long",
        MarcReadErrorReason.InvalidIndicators => "marc.invalid-indicators",
        MarcReadErrorReason.InvalidSubfield => "marc.invalid-subfield",
        MarcReadErrorReason.InvalidTag => "marc.invalid-tag",
        MarcReadErrorReason.InvalidUtf8 => "marc.invalid-utf8",
        MarcReadErrorReason.CharsetConversionFailed => "marc.charset-conversion-failed",
        MarcReadErrorReason.CharsetConverterUnavailable => "marc.charset-converter-unavailable",
        MarcReadErrorReason.XmlNotWellFormed => "marc.xml-not-well-formed",
        MarcReadErrorReason.MissingLeader => "marc.missing-leader",
        MarcReadErrorReason.EmptyRecord => "marc.empty-record",
        MarcReadErrorReason.MissingTag => "marc.missing-tag",
        MarcReadErrorReason.MissingSubfieldCode => "marc.missing-subfield-code",
        MarcReadErrorReason.SurrogateDiagnostic => "marc.sru-surrogate-diagnostic",
        MarcReadErrorReason.SruDiagnostic => "marc.sru-diagnostic",
    };
}

/// <summary>Character set of a record's source bytes.</summary>
public enum MarcEncoding
{
    Utf8,

    /// <summary>MARC-8 (MARC21 with leader/09 blank).</summary>
    Marc8,

    /// <summary>ISO 5426 (UNIMARC 100$a/26-29 = "03").</summary>
    Iso5426,

    /// <summary>ISO 6937 (older UNIMARC exchange files; chosen explicitly, UNIMARC has no code for it).</summary>
    Iso6937,
}

/// <summary>How the ISO 2709 reader chooses the character set.</summary>
public sealed record MarcReaderOptions
{
    public static readonly MarcReaderOptions Default = new();

    /// <summary>Null: detect per record (leader/09, UNIMARC 100$a/26-29, and whether the bytes are valid UTF-8).</summary>
    public MarcEncoding? ForceEncoding { get; init; }

    /// <summary>Longest record accepted, in bytes, before the reader gives up on it and resyncs.</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;
}
