using System.Net;

namespace MediaBib.Sip2.Library;

/// <summary>
/// The library side of the SIP2 worker: everything a self-check or a sorter may ask, shaped around what SIP2 needs.
/// The implementation calls the same circulation use-case services as the desk (same rules, audit with the terminal
/// as actor, outbox events). Refusals come back as <see cref="Sip2Refusal"/> (stable reason code + French screen
/// message); the protocol layer never decides a library rule.
/// Calls are made with a token that is cancelled only on a hard stop: a started transaction is allowed to finish.
/// Whenever a command or query carries a patron password (AD, non-null), the implementation checks it against the
/// patron's OPAC credentials and refuses (or reports <see cref="PatronStatus.PasswordValid"/> false) when it is wrong.
/// An exception thrown here is logged and answered with a negative response; the connection stays open.
/// </summary>
public interface ISip2Library
{
    /// <summary>93 Login: checks the terminal account. Returns null when the login or password is wrong.</summary>
    Task<TerminalAccount?> AuthenticateTerminalAsync(string login, string password, string? locationCode, CancellationToken cancellationToken);

    /// <summary>
    /// A terminal account that may work without a 93 login (for example a sorter identified by its address).
    /// Returns null when the address does not match such an account: the session then requires a login.
    /// </summary>
    Task<TerminalAccount?> FindTerminalWithoutLoginAsync(IPAddress remoteAddress, CancellationToken cancellationToken);

    /// <summary>99 SC status: whether the circulation engine is reachable, for the 98 online flag.</summary>
    Task<AcsStatus> GetStatusAsync(TerminalAccount? terminal, CancellationToken cancellationToken);

    /// <summary>23 Patron status, also used for the patron part of 63.</summary>
    Task<PatronStatus> GetPatronStatusAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken);

    /// <summary>63 Patron information: counts plus the one detail list the terminal asked for (all of it; the protocol slices BP/BQ).</summary>
    Task<PatronInformation> GetPatronInformationAsync(Sip2Context context, PatronQuery query, PatronItemList list, CancellationToken cancellationToken);

    /// <summary>11 Checkout (also a renewal when the item is already lent to the same patron and the SC allows it).</summary>
    Task<LoanResult> CheckoutAsync(Sip2Context context, CheckoutCommand command, CancellationToken cancellationToken);

    /// <summary>09 Checkin, with hold capture when the terminal account says so.</summary>
    Task<CheckinResult> CheckinAsync(Sip2Context context, CheckinCommand command, CancellationToken cancellationToken);

    /// <summary>29 Renew one item.</summary>
    Task<LoanResult> RenewAsync(Sip2Context context, RenewCommand command, CancellationToken cancellationToken);

    /// <summary>65 Renew all the patron's loans.</summary>
    Task<RenewAllResult> RenewAllAsync(Sip2Context context, PatronQuery query, bool feeAcknowledged, CancellationToken cancellationToken);

    /// <summary>17 Item information. Returns null when no item has this barcode.</summary>
    Task<ItemInformation?> GetItemInformationAsync(Sip2Context context, string itemIdentifier, CancellationToken cancellationToken);

    /// <summary>19 Item status update: stores the item properties (CH) sent by the terminal.</summary>
    Task<ItemStatusUpdateResult> UpdateItemPropertiesAsync(Sip2Context context, string itemIdentifier, string itemProperties, CancellationToken cancellationToken);

    /// <summary>01 Block patron: the terminal detected misuse (card retained or not). Answered with a 24.</summary>
    Task<PatronStatus> BlockPatronAsync(Sip2Context context, BlockPatronCommand command, CancellationToken cancellationToken);

    /// <summary>25 Patron enable: lifts a block the terminal itself set.</summary>
    Task<PatronStatus> EnablePatronAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken);

    /// <summary>15 Hold with mode '+'.</summary>
    Task<HoldResult> PlaceHoldAsync(Sip2Context context, HoldCommand command, CancellationToken cancellationToken);

    /// <summary>15 Hold with mode '-'.</summary>
    Task<HoldResult> CancelHoldAsync(Sip2Context context, HoldCommand command, CancellationToken cancellationToken);

    /// <summary>35 End patron session.</summary>
    Task<EndSessionResult> EndPatronSessionAsync(Sip2Context context, PatronQuery query, CancellationToken cancellationToken);

    /// <summary>37 Fee paid (amount in euros; the protocol refuses other currencies before calling).</summary>
    Task<FeePaidResult> PayFeeAsync(Sip2Context context, FeePayment payment, CancellationToken cancellationToken);
}
