using MediaBib.Domain.Common;

namespace MediaBib.Domain.Circulation;

// Circulation events: identifiers and the minimum a desk screen or a notice trigger needs, no personal data.

public sealed record LoanCreated(Guid LoanId, Guid ItemId, Guid PatronId, Guid LibraryId, DateTime DueAt) : DomainEvent
{
    public override string Type => "loan.created";
}

public sealed record LoanReturned(Guid LoanId, Guid ItemId, Guid? PatronId, Guid LibraryId, DateTime ReturnedAt, bool WasOverdue) : DomainEvent
{
    public override string Type => "loan.returned";
}

public sealed record LoanRenewed(Guid LoanId, Guid ItemId, Guid? PatronId, DateTime DueAt, int RenewalCount) : DomainEvent
{
    public override string Type => "loan.renewed";
}

public sealed record TransitStarted(Guid TransitId, Guid ItemId, Guid FromLibraryId, Guid ToLibraryId, string Reason) : DomainEvent
{
    public override string Type => "transit.started";
}

public sealed record TransitReceived(Guid TransitId, Guid ItemId, Guid ToLibraryId) : DomainEvent
{
    public override string Type => "transit.received";
}
