namespace MediaBib.Web.Resources;

/// <summary>Strings of the catalogue pages: copy cataloguing and import (<c>CatalogueResource.resx</c>, French by default).</summary>
public sealed class CatalogueResource;
