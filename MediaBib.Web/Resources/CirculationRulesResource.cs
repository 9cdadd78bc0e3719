namespace MediaBib.Web.Resources;

/// <summary>Strings of the circulation rules page (<c>CirculationRulesResource.resx</c>, French by default).</summary>
public sealed class CirculationRulesResource;
