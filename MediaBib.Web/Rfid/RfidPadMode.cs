namespace MediaBib.Web.Rfid;

/// <summary>What the desk's pad panel does with everything on the pad.</summary>
public enum RfidPadMode
{
    Checkout,
    Checkin,
}
