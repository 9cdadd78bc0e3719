namespace MediaBib.Web.Resources;

/// <summary>UI strings of the scheduled jobs page (<c>JobsResources.resx</c>, French).</summary>
public sealed class JobsResources;
