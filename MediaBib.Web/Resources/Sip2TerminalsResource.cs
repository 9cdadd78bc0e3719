namespace MediaBib.Web.Resources;

/// <summary>Strings of the SIP2 terminals page (<c>Sip2TerminalsResource.resx</c>, French by default).</summary>
public sealed class Sip2TerminalsResource;
