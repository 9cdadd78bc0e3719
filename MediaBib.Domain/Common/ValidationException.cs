namespace MediaBib.Domain.Common;

/// <summary>Why a field value was refused at the model boundary. The UI and the API translate the code.</summary>
public enum ValidationError
{
    Required,
    TooLong,
    Negative,
    InvalidFormat,
    InvalidChecksum,
    Duplicate,
    OutOfRange,
}

/// <summary>
/// A value refused at the model boundary (empty title, malformed ISBN). Carries the field and a stable code so the
/// desk can show a French message next to the field and the API can return a 400 with field errors.
/// </summary>
public sealed class ValidationException(string field, ValidationError error)
    : Exception($"{field}: {error}")
{
    public string Field { get; } = field;

    public ValidationError Error { get; } = error;

    /// <summary>Stable code, e.g. <c>validation.required</c>.</summary>
    public string Code => "validation." + Error switch
    {
        ValidationError.Required => "required",
        ValidationError.TooLong => "too_long",
        ValidationError.Negative => "negative",
        ValidationError.InvalidFormat => "invalid_format",
        ValidationError.InvalidChecksum => "invalid_checksum",
        ValidationError.Duplicate => "duplicate",
        ValidationError.OutOfRange => "out_of_range",
    };
}
