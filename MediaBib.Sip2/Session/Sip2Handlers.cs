using System.Globalization;
using MediaBib.Sip2.Library;
using MediaBib.Sip2.Protocol;

namespace MediaBib.Sip2.Session;

/// <summary>
/// Runs one authorised request against the library and builds its response text. Protocol decisions only:
/// every library rule is the library's (and behind it the circulation engine's).
/// </summary>
public sealed class Sip2Handlers(ISip2Library library, Sip2Responses responses)
{
    public async Task<string> HandleAsync(Sip2Request request, Sip2Context ctx, CancellationToken ct)
    {
        var now = ctx.Now;
        var patron = new PatronQuery(request.PatronIdentifier, request.PatronPassword);
        switch (request)
        {
            case PatronStatusRequest:
                return responses.PatronStatus(request, await library.GetPatronStatusAsync(ctx, patron, ct), now);
            case PatronInformationRequest info:
                return await PatronInformationAsync(info, ctx, patron, ct);
            case CheckoutRequest r:
                var checkout = new CheckoutCommand(r.PatronIdentifier, r.ItemIdentifier, r.PatronPassword, r.ScRenewalPolicy,
                    r.NoBlock, r.TransactionDate, r.NoBlockDueDate, r.Flag(FieldCodes.FeeAcknowledged) ?? false,
                    r.Flag(FieldCodes.Cancel) ?? false, r.Fields[FieldCodes.ItemProperties]);
                return responses.Loan("12", r, await library.CheckoutAsync(ctx, checkout, ct), now);
            case CheckinRequest r:
                var checkin = new CheckinCommand(r.ItemIdentifier, r.CurrentLocation, r.NoBlock, r.TransactionDate, r.ReturnDate,
                    r.Flag(FieldCodes.Cancel) ?? false, ctx.Terminal.CheckinCapturesHolds, r.Fields[FieldCodes.ItemProperties]);
                var result = await library.CheckinAsync(ctx, checkin, ct);
                return responses.Checkin(r, result, SortBinMapper.Map(ctx.Terminal.SortBinRules, result), now);
            case RenewRequest r:
                var renew = new RenewCommand(r.PatronIdentifier, r.PatronPassword, r.Fields[FieldCodes.ItemIdentifier],
                    r.Fields[FieldCodes.TitleIdentifier], r.ThirdPartyAllowed, r.NoBlock, r.TransactionDate, r.NoBlockDueDate,
                    r.Flag(FieldCodes.FeeAcknowledged) ?? false, r.Fields[FieldCodes.ItemProperties]);
                return responses.Loan("30", r, await library.RenewAsync(ctx, renew, ct), now);
            case RenewAllRequest r:
                return responses.RenewAll(r, await library.RenewAllAsync(ctx, patron, r.Flag(FieldCodes.FeeAcknowledged) ?? false, ct), now);
            case ItemInformationRequest r:
                var item = await library.GetItemInformationAsync(ctx, r.ItemIdentifier, ct);
                return responses.ItemInformation(r, item, ScreenMessages.ItemUnknown, now);
            case ItemStatusUpdateRequest r:
                var update = await library.UpdateItemPropertiesAsync(ctx, r.ItemIdentifier, r.Fields[FieldCodes.ItemProperties] ?? "", ct);
                return responses.ItemStatusUpdate(r, update, now);
            case BlockPatronRequest r:
                var block = new BlockPatronCommand(r.PatronIdentifier, r.CardRetained, r.Fields[FieldCodes.BlockedCardMessage]);
                return responses.PatronStatus(r, await library.BlockPatronAsync(ctx, block, ct), now);
            case PatronEnableRequest r:
                return responses.PatronEnable(r, await library.EnablePatronAsync(ctx, patron, ct), now);
            case HoldRequest r:
                return await HoldAsync(r, ctx, ct);
            case EndSessionRequest r:
                return responses.EndSession(r, await library.EndPatronSessionAsync(ctx, patron, ct), now);
            case FeePaidRequest r:
                return await FeePaidAsync(r, ctx, ct);
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Code, "Login, status and resend are handled by the session.");
        }
    }

    private async Task<string> PatronInformationAsync(PatronInformationRequest r, Sip2Context ctx, PatronQuery patron, CancellationToken ct)
    {
        var list = SummaryList(r.Summary);
        var info = await library.GetPatronInformationAsync(ctx, patron, list, ct);
        var start = PositiveInt(r.Fields[FieldCodes.StartItem]) ?? 1;
        var end = PositiveInt(r.Fields[FieldCodes.EndItem]) ?? int.MaxValue;
        var items = end < start ? [] : info.Items.Skip(start - 1).Take(end == int.MaxValue ? int.MaxValue : end - start + 1);
        return responses.PatronInformation(r, info, list, items, ctx.Now);
    }

    /// <summary>The first 'Y' of the 10-character summary picks the list (positions 0–5); none or a later one: no list.</summary>
    public static PatronItemList SummaryList(string summary) => summary.IndexOfAny(['Y', 'y']) switch
    {
        0 => PatronItemList.HoldItems,
        1 => PatronItemList.OverdueItems,
        2 => PatronItemList.ChargedItems,
        3 => PatronItemList.FineItems,
        4 => PatronItemList.RecallItems,
        5 => PatronItemList.UnavailableHolds,
        _ => PatronItemList.None,
    };

    private async Task<string> HoldAsync(HoldRequest r, Sip2Context ctx, CancellationToken ct)
    {
        var command = new HoldCommand(r.PatronIdentifier, r.PatronPassword, r.Fields[FieldCodes.ItemIdentifier],
            r.Fields[FieldCodes.TitleIdentifier], r.Fields[FieldCodes.PickupLocation],
            r.Fields[FieldCodes.ExpirationDate] is { } expiry ? responses.Dates.Parse(expiry) : null,
            PositiveInt(r.Fields[FieldCodes.HoldType]) ?? 2, r.Flag(FieldCodes.FeeAcknowledged) ?? false);
        var result = r.HoldMode switch
        {
            '+' => await library.PlaceHoldAsync(ctx, command, ct),
            '-' => await library.CancelHoldAsync(ctx, command, ct),
            '*' => new HoldResult(new Sip2Refusal(ScreenMessages.Codes.HoldChangeNotSupported, ScreenMessages.HoldChangeNotSupported)),
            _ => new HoldResult(new Sip2Refusal(ScreenMessages.Codes.HoldModeInvalid, ScreenMessages.HoldModeInvalid)),
        };
        return responses.Hold(r, result, ctx.Now);
    }

    private async Task<string> FeePaidAsync(FeePaidRequest r, Sip2Context ctx, CancellationToken ct)
    {
        FeePaidResult result;
        if (!string.IsNullOrWhiteSpace(r.Currency) && r.Currency != Sip2Responses.Currency)
        {
            result = new FeePaidResult(new Sip2Refusal(ScreenMessages.Codes.CurrencyNotAccepted, ScreenMessages.CurrencyNotAccepted));
        }
        else if (ParseAmount(r.Fields[FieldCodes.FeeAmount]) is not decimal amount)
        {
            result = new FeePaidResult(new Sip2Refusal(ScreenMessages.Codes.AmountInvalid, ScreenMessages.AmountInvalid));
        }
        else
        {
            var payment = new FeePayment(r.PatronIdentifier, r.PatronPassword, amount, PositiveInt(r.FeeType) ?? 1,
                int.TryParse(r.PaymentType, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) ? pt : 0,
                r.Fields[FieldCodes.FeeIdentifier], r.Fields[FieldCodes.TransactionId]);
            result = await library.PayFeeAsync(ctx, payment, ct);
        }
        return responses.FeePaid(r, result, ctx.Now);
    }

    /// <summary>"12.50" (also "12,50"); must be positive with at most 2 decimals.</summary>
    public static decimal? ParseAmount(string? text)
    {
        if (text is null || !decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }
        return amount > 0 && decimal.Round(amount, 2) == amount ? amount : null;
    }

    private static int? PositiveInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
