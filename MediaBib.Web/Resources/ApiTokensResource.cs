namespace MediaBib.Web.Resources;

/// <summary>Strings of the API tokens page (<c>ApiTokensResource.resx</c>, French by default).</summary>
public sealed class ApiTokensResource;
