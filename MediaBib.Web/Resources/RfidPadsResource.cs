namespace MediaBib.Web.Resources;

/// <summary>Strings of the RFID pads page (<c>RfidPadsResource.resx</c>, French by default).</summary>
public sealed class RfidPadsResource;
