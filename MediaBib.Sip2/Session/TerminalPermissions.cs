using MediaBib.Sip2.Library;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Session;

/// <summary>Which account permission each request needs, and the BX field that reports them.</summary>
public static class TerminalPermissions
{
    /// <summary>
    /// BX: 16 Y/N flags in SIP2 order. Before login it lists what this server implements; after login only what the
    /// terminal's account may do, so it tells the truth to that terminal.
    /// </summary>
    public static string SupportedMessages(TerminalAccount? terminal)
    {
        Sip2Operations[] order =
        [
            Sip2Operations.PatronInformation, Sip2Operations.Checkout, Sip2Operations.Checkin, Sip2Operations.BlockPatron,
            Sip2Operations.None, Sip2Operations.None, Sip2Operations.None, Sip2Operations.PatronInformation,
            Sip2Operations.PatronInformation, Sip2Operations.FeePaid, Sip2Operations.ItemInformation,
            Sip2Operations.ItemStatusUpdate, Sip2Operations.PatronEnable, Sip2Operations.Hold, Sip2Operations.Renew,
            Sip2Operations.Renew,
        ];
        return new string(order.Select(op => terminal is null || terminal.Allows(op) ? 'Y' : 'N').ToArray());
    }

    public static Sip2Operations RequiredOperation(Sip2Request request) => request switch
    {
        PatronStatusRequest or PatronInformationRequest or EndSessionRequest => Sip2Operations.PatronInformation,
        CheckoutRequest => Sip2Operations.Checkout,
        CheckinRequest => Sip2Operations.Checkin,
        RenewRequest or RenewAllRequest => Sip2Operations.Renew,
        ItemInformationRequest => Sip2Operations.ItemInformation,
        ItemStatusUpdateRequest => Sip2Operations.ItemStatusUpdate,
        BlockPatronRequest => Sip2Operations.BlockPatron,
        PatronEnableRequest => Sip2Operations.PatronEnable,
        HoldRequest => Sip2Operations.Hold,
        FeePaidRequest => Sip2Operations.FeePaid,
        _ => Sip2Operations.None,
    };

    public static bool IsNoBlock(Sip2Request request) => request switch
    {
        CheckoutRequest r => r.NoBlock,
        CheckinRequest r => r.NoBlock,
        RenewRequest r => r.NoBlock,
        _ => false,
    };
}
