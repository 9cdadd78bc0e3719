using MediaBib.Infrastructure.Audit;

namespace MediaBib.Infrastructure.PatronAccount;

/// <summary>The audit actor of a patron acting on their own account (OPAC pages or the patron API).</summary>
public static class PatronActor
{
    /// <summary>The actor's name is the card number: audit entries name the card, never the person.</summary>
    public static Actor For(string cardNumber, Guid? homeLibraryId, string? ip, string? userAgent, string? requestId) =>
        new(ActorKind.Patron, cardNumber.Length <= 100 ? cardNumber : cardNumber[..100], null, homeLibraryId, ip, userAgent, requestId);
}
