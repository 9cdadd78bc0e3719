using MediaBib.Domain.Sites;
using MediaBib.Infrastructure.Administration;

namespace MediaBib.Web.Components.Admin;

/// <summary>Editable copy of a library's fields for the forms.</summary>
public sealed class LibraryModel
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Isil { get; set; }

    public string? Street { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public static LibraryModel From(Library library) => new()
    {
        Code = library.Code.Value,
        Name = library.Name,
        Isil = library.Isil,
        Street = library.Address.Street,
        PostalCode = library.Address.PostalCode,
        City = library.Address.City,
        Phone = library.Phone,
        Email = library.Email,
    };

    public LibraryInput ToInput() => new(Code, Name, Isil, Street, PostalCode, City, Phone, Email);
}
