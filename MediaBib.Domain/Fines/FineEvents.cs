using MediaBib.Domain.Common;

namespace MediaBib.Domain.Fines;

public sealed record FineCreated(Guid FineId, Guid? PatronId, string Kind, decimal Amount) : DomainEvent
{
    public override string Type => "fine.created";
}

public sealed record FinePaid(Guid FineId, Guid? PatronId, decimal Amount, string Method, decimal Outstanding) : DomainEvent
{
    public override string Type => "fine.paid";
}
