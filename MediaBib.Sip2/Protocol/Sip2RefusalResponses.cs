using MediaBib.Sip2.Library;

namespace MediaBib.Sip2.Protocol;

/// <summary>Negative responses for requests the protocol layer itself turns down.</summary>
public static class Sip2RefusalResponses
{
    /// <summary>
    /// The negative answer of the right type for a request that cannot be processed (login required, operation
    /// not allowed for this terminal, missing field): the kiosk shows <paramref name="message"/> instead of retrying.
    /// </summary>
    public static string Refusal(this Sip2Responses responses, Sip2Request request, string reasonCode, string message, DateTimeOffset now)
    {
        var refusal = new Sip2Refusal(reasonCode, message);
        return request switch
        {
            LoginRequest => responses.Login(false),
            ScStatusRequest or ResendRequest => Sip2Responses.RequestScResend,
            PatronStatusRequest or BlockPatronRequest => responses.PatronStatus(request, Library.PatronStatus.Unknown(request.PatronIdentifier, message), now),
            PatronInformationRequest => responses.PatronInformation(request,
                new PatronInformation(Library.PatronStatus.Unknown(request.PatronIdentifier, message), 0, 0, 0, 0, 0, 0, []),
                PatronItemList.None, [], now),
            CheckoutRequest => responses.Loan("12", request, new LoanResult(refusal, request.PatronIdentifier, request.ItemIdentifier, "", null), now),
            RenewRequest => responses.Loan("30", request, new LoanResult(refusal, request.PatronIdentifier, request.ItemIdentifier, "", null), now),
            CheckinRequest checkin => responses.Checkin(checkin, new CheckinResult(refusal, request.ItemIdentifier, ""), null, now),
            RenewAllRequest => responses.RenewAll(request, new RenewAllResult(refusal, [], []), now),
            ItemInformationRequest => responses.ItemInformation(request, null, message, now),
            ItemStatusUpdateRequest => responses.ItemStatusUpdate(request, new ItemStatusUpdateResult(refusal), now),
            PatronEnableRequest => responses.PatronEnable(request, Library.PatronStatus.Unknown(request.PatronIdentifier, message), now),
            HoldRequest => responses.Hold(request, new HoldResult(refusal), now),
            EndSessionRequest => responses.EndSession(request, new EndSessionResult(false, message), now),
            FeePaidRequest => responses.FeePaid(request, new FeePaidResult(refusal), now),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Every request type needs a refusal answer."),
        };
    }
}
