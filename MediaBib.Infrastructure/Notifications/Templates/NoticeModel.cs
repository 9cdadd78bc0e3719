using System.Globalization;
using MediaBib.Domain.Sites;

namespace MediaBib.Infrastructure.Notifications.Templates;

/// <summary>
/// What a template may read. Only these types are registered with Fluid, under French names that librarians see
/// (see <see cref="NoticeTemplateRenderer"/>): <c>bibliotheque</c>, <c>lecteur</c>, <c>documents</c>, <c>niveau</c>,
/// <c>date</c>, <c>nombre_documents</c>. Dates and amounts are formatted here, in fr-FR.
/// </summary>
public sealed record NoticeModel(NoticeLibraryModel Library, NoticePatronModel Patron, IReadOnlyList<NoticeItemModel> Items, int Level, DateTime UtcNow)
{
    public string Date => FrenchFormat.Date(UtcNow);
}

public sealed record NoticeLibraryModel(string Name, Address Address, string? Phone, string? Email);

public sealed record NoticePatronModel(string FirstName, string LastName, string CardNumber, Address Address, decimal Balance, DateOnly ExpiresOn);

/// <summary>One item of the notice; <see cref="Date"/> is the due date of a loan or the pickup deadline of a hold.</summary>
public sealed record NoticeItemModel(string Title, string Barcode, DateTime? Date, decimal? Price);

/// <summary>French formats used in notices: dates dd/MM/yyyy (Europe/Paris), amounts "1 234,50 €".</summary>
public static class FrenchFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly TimeZoneInfo Paris = MediaBib.Domain.Circulation.LibraryTime.Zone;

    public static string Date(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris).ToString("dd/MM/yyyy", Culture);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Culture);

    /// <summary>fr-FR grouping (narrow no-break space) and decimal comma, then a no-break space and the euro sign.</summary>
    public static string Money(decimal amount) => amount.ToString("N2", Culture) + "\u00A0€";
}
