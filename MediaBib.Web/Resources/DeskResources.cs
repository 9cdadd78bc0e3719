namespace MediaBib.Web.Resources;

/// <summary>
/// Marker for the circulation desk's strings: <c>DeskResources.resx</c> (French, the default) and
/// <c>DeskResources.en.resx</c>. Inject <c>IStringLocalizer&lt;DeskResources&gt;</c>.
/// </summary>
public sealed class DeskResources;
