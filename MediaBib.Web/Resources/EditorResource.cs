namespace MediaBib.Web.Resources;

/// <summary>Strings of the cataloguer's editor (<c>EditorResource.resx</c>, French by default).</summary>
public sealed class EditorResource;
