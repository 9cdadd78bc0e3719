namespace MediaBib.Web.Resources;

/// <summary>
/// Marker for the public catalogue's strings: <c>OpacResources.resx</c> (French, the default) and
/// <c>OpacResources.en.resx</c>. Inject <c>IStringLocalizer&lt;OpacResources&gt;</c>.
/// </summary>
public sealed class OpacResources;
