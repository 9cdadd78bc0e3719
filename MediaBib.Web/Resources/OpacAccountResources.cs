namespace MediaBib.Web.Resources;

/// <summary>
/// Marker for the patron account's strings (OPAC sign-in and <c>/opac/compte</c>): <c>OpacAccountResources.resx</c>
/// (French, the default) and <c>OpacAccountResources.en.resx</c>. Inject <c>IStringLocalizer&lt;OpacAccountResources&gt;</c>.
/// </summary>
public sealed class OpacAccountResources;
