using System.Globalization;
using MediaBib.Infrastructure.Administration;
using MediaBib.Infrastructure.Desk;

namespace MediaBib.Web.Components.Desk;

/// <summary>Editable copy of a patron's registration for the desk form. The birth date is typed as dd/mm/yyyy.</summary>
public sealed class PatronModel
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public string? CardNumber { get; set; }

    public Guid CategoryId { get; set; }

    public Guid HomeLibraryId { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string? BirthDate { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public bool GdprConsent { get; set; }

    public static PatronModel From(PatronInput input) => new()
    {
        CardNumber = input.CardNumber,
        CategoryId = input.CategoryId,
        HomeLibraryId = input.HomeLibraryId,
        FirstName = input.FirstName,
        LastName = input.LastName,
        BirthDate = input.BirthDate?.ToString("dd/MM/yyyy", French),
        Email = input.Email,
        Phone = input.Phone,
        Street = input.Street,
        PostalCode = input.PostalCode,
        City = input.City,
        GdprConsent = input.GdprConsent,
    };

    /// <summary>
    /// The input for the service, or the errors the form finds itself (a date that does not parse, no category or
    /// library chosen) as a failed result the form shows like the service's.
    /// </summary>
    public (PatronInput? Input, AdminResult<Guid>? Errors) ToInput()
    {
        var errors = new List<AdminError>();
        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(BirthDate))
        {
            if (DateOnly.TryParseExact(BirthDate.Trim(), ["dd/MM/yyyy", "d/M/yyyy", "ddMMyyyy"], French, DateTimeStyles.None, out var parsed))
            {
                birth = parsed;
            }
            else
            {
                errors.Add(new AdminError("birthDate", "validation.invalid_format"));
            }
        }

        if (CategoryId == Guid.Empty)
        {
            errors.Add(new AdminError("categoryId", "validation.required"));
        }

        if (HomeLibraryId == Guid.Empty)
        {
            errors.Add(new AdminError("homeLibraryId", "validation.required"));
        }

        if (string.IsNullOrWhiteSpace(FirstName))
        {
            errors.Add(new AdminError("firstName", "validation.required"));
        }

        if (string.IsNullOrWhiteSpace(LastName))
        {
            errors.Add(new AdminError("lastName", "validation.required"));
        }

        return errors.Count > 0
            ? (null, AdminResult<Guid>.Fail([.. errors]))
            : (new PatronInput(CardNumber, CategoryId, HomeLibraryId, FirstName, LastName, birth, Email, Phone, Street, PostalCode, City, GdprConsent), null);
    }
}
