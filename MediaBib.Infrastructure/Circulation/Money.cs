using System.Globalization;

namespace MediaBib.Infrastructure.Circulation;

/// <summary>Euros the French way (1 234,50 €) in audit messages.</summary>
internal static class Money
{
    public static CultureInfo French { get; } = CultureInfo.GetCultureInfo("fr-FR");
}
