using MediaBib.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MediaBib.Infrastructure.Administration;

/// <summary>
/// A field-level refusal of an administration change: the field (as the form names it) and a stable code such as
/// <c>validation.duplicate</c> or <c>password.too_short</c> that the UI turns into a French message.
/// </summary>
public sealed record AdminError(string Field, string Code)
{
    public static AdminError From(ValidationException ex) => new(ex.Field, ex.Code);

    public static AdminError Duplicate(string field) => new(field, "validation.duplicate");
}

/// <summary>Outcome of an administration change: done (with a value) or refused with field errors.</summary>
public sealed record AdminResult<T>(T? Value, IReadOnlyList<AdminError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static AdminResult<T> Ok(T value) => new(value, []);

    public static AdminResult<T> Fail(params AdminError[] errors) => new(default, errors);
}

internal static class AdminSave
{
    /// <summary>
    /// Runs a change: domain validation and unique-index violations become field errors. <paramref name="duplicateField"/>
    /// names the field a unique violation is reported on (codes are the only unique columns edited here).
    /// </summary>
    public static async Task<AdminResult<T>> RunAsync<T>(Func<Task<T>> change, string duplicateField = "code")
    {
        try
        {
            return AdminResult<T>.Ok(await change());
        }
        catch (ValidationException ex)
        {
            return AdminResult<T>.Fail(AdminError.From(ex));
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AdminResult<T>.Fail(AdminError.Duplicate(duplicateField));
        }
    }
}
