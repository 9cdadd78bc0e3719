namespace MediaBib.Web.Resources;

/// <summary>UI strings of the notice administration pages: overdue levels and templates (<c>NoticesResources.resx</c>, French).</summary>
public sealed class NoticesResources;
