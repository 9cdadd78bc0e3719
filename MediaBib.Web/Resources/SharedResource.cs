namespace MediaBib.Web.Resources;

/// <summary>
/// Marker for the shared UI strings: <c>SharedResource.resx</c> (French, the default) and
/// <c>SharedResource.en.resx</c>. Inject <c>IStringLocalizer&lt;SharedResource&gt;</c>.
/// </summary>
public sealed class SharedResource;
