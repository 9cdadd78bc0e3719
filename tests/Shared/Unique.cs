namespace MediaBib.Testing;

/// <summary>Unique values for rows a test creates, so parallel tests never collide.</summary>
public static class Unique
{
    private static int _counter = Random.Shared.Next(1000, 9000);

    public static string Code(string prefix = "T") =>
        (prefix + Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6]).ToUpperInvariant();

    public static string Barcode() => Code("B");
}
