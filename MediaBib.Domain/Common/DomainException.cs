namespace MediaBib.Domain.Common;

/// <summary>
/// Thrown only when an invariant is broken, i.e. a bug. Business refusals are returned as typed outcomes.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
