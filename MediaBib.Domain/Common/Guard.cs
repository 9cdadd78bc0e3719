using System.Diagnostics.CodeAnalysis;

namespace MediaBib.Domain.Common;

internal static class Guard
{
    public static string Required(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ValidationException(field, ValidationError.Required);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            throw new ValidationException(field, ValidationError.TooLong);
        }

        return trimmed;
    }

    public static string? Optional(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length > maxLength ? throw new ValidationException(field, ValidationError.TooLong) : trimmed;
    }

    public static decimal NotNegative(decimal value, string field) =>
        value < 0 ? throw new ValidationException(field, ValidationError.Negative) : value;

    public static int NotNegative(int value, string field) =>
        value < 0 ? throw new ValidationException(field, ValidationError.Negative) : value;

    [return: NotNullIfNotNull(nameof(value))]
    public static T? NotNull<T>(T? value, string field) where T : class =>
        value ?? throw new ValidationException(field, ValidationError.Required);
}
