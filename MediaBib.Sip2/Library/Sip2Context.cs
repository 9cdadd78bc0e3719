namespace MediaBib.Sip2.Library;

/// <summary>Who asks: the authenticated terminal, the AO it sent and the location it gave at login (CP).</summary>
public sealed record Sip2Context(TerminalAccount Terminal, string InstitutionId, string? TerminalLocation, DateTimeOffset Now);

/// <summary>
/// A refusal: a stable reason code (mapped by the lead from the engine's reason codes) and the French screen message
/// (AF) shown on the kiosk.
/// </summary>
public sealed record Sip2Refusal(string ReasonCode, string ScreenMessage);

/// <summary>98 online flag and optional texts.</summary>
public sealed record AcsStatus(bool Online, string? LibraryName = null, string? ScreenMessage = null);

/// <summary>A fee attached to a loan (rental charge): BT, BH EUR, BV, BK.</summary>
/// <param name="FeeType">SIP2 fee type: 01 other, 02 administrative, 03 damage, 04 overdue, 05 processing, 06 rental…</param>
public sealed record LoanFee(int FeeType, decimal Amount, string? TransactionId);

/// <summary>Magnetic media / desensitize / resensitize: yes, no or unknown (Y/N/U).</summary>
public enum Sip2Tristate
{
    Unknown,
    Yes,
    No,
}
