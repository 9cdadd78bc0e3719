using System.Globalization;

namespace MediaBib.Sip2.Engine;

/// <summary>fr-FR formatting of kiosk texts (dates dd/MM/yyyy, amounts 12,50).</summary>
internal static class FrenchCulture
{
    public static CultureInfo Instance { get; } = CultureInfo.GetCultureInfo("fr-FR");
}
