using System.Globalization;
using MediaBib.Domain.Rfid;
using Microsoft.AspNetCore.Http.Connections.Client;

namespace MediaBib.Web.Rfid;

/// <summary>
/// The RFID pad simulator, run by the web app's own binary:
/// <c>dotnet MediaBib.Web.dll rfid-pad --url http://localhost:5000 --key mbr_…</c> (or the key in <c>MB_RFID_PAD_KEY</c>).
/// It connects as the pad the key belongs to and reads commands from standard input:
/// <c>place BARCODE [PART/SIZE] [ISIL]</c>, <c>remove BARCODE [PART]</c>, <c>list</c>, <c>quit</c>; it prints every
/// security change the server orders. Exit code 0 at <c>quit</c> or end of input, 1 when the connection is refused,
/// 2 on bad arguments.
/// </summary>
public static class PadSimulatorCommand
{
    public const string Verb = "rfid-pad";

    public const string Usage = "usage: MediaBib.Web rfid-pad [--url http://localhost:5000] --key mbr_… (or MB_RFID_PAD_KEY)";

    private const string Help = "commands: place BARCODE [PART/SIZE] [ISIL] | remove BARCODE [PART] | list | quit";

    public static bool Applies(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(
        string[] args, TextReader input, TextWriter output, TextWriter error, Action<HttpConnectionOptions>? configure = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        var url = "http://localhost:5000";
        var key = Environment.GetEnvironmentVariable("MB_RFID_PAD_KEY");
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--key" when i + 1 < args.Length:
                    key = args[++i];
                    break;
                default:
                    await error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        if (string.IsNullOrWhiteSpace(key) || !Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var console = TextWriter.Synchronized(output);
        await using var pad = new RfidPadClient(baseUrl, key, configure);
        pad.SecurityChanged += (tag, on) => console.WriteLine("security " + (on ? "on" : "off") + ": " + Describe(tag));
        try
        {
            await pad.StartAsync(ct);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"connection refused: {ex.Message}");
            return 1;
        }

        console.WriteLine($"connected to {new Uri(baseUrl, RfidPadHub.Path)}");
        console.WriteLine(Help);
        while (await input.ReadLineAsync(ct) is { } line)
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0)
            {
                continue;
            }

            try
            {
                switch (words[0].ToLowerInvariant())
                {
                    case "quit" or "exit":
                        return 0;
                    case "list":
                        var tags = pad.Tags;
                        console.WriteLine(tags.Count == 0 ? "the pad is empty" : string.Join(Environment.NewLine, tags.Select(Describe)));
                        break;
                    case "place" when words.Length >= 2 && TryParseSet(words.ElementAtOrDefault(2), out var part, out var size):
                        var placed = await pad.PlaceAsync(words[1], part, size, words.ElementAtOrDefault(3), ct: ct);
                        console.WriteLine("placed " + Describe(placed));
                        break;
                    case "remove" when words.Length >= 2:
                        int? onePart = words.Length >= 3 && int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
                        var removed = await pad.RemoveAsync(words[1], onePart, ct);
                        console.WriteLine(removed.Count == 0 ? $"no tag of {words[1]} on the pad" : string.Join(Environment.NewLine, removed.Select(t => "removed " + Describe(t))));
                        break;
                    default:
                        console.WriteLine(Help);
                        break;
                }
            }
            catch (Exception ex) when (ex is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException)
            {
                console.WriteLine($"error: {ex.Message}");
            }
        }

        return 0;
    }

    /// <summary><c>2/3</c> is part 2 of 3; nothing is a single-part item.</summary>
    internal static bool TryParseSet(string? text, out int part, out int size)
    {
        (part, size) = (1, 1);
        if (text is null)
        {
            return true;
        }

        var halves = text.Split('/');
        return halves.Length == 2
            && int.TryParse(halves[0], NumberStyles.None, CultureInfo.InvariantCulture, out part)
            && int.TryParse(halves[1], NumberStyles.None, CultureInfo.InvariantCulture, out size)
            && part >= 1 && part <= size && size <= 255;
    }

    private static string Describe(RfidTag tag) => string.Create(CultureInfo.InvariantCulture,
        $"{tag.ItemBarcode} {tag.SetPart}/{tag.SetSize}{(tag.OwnerIsil is { } isil ? " " + isil : "")} uid {tag.Uid} security {(tag.SecurityOn ? "on" : "off")} (AFI 0x{tag.Afi:X2})");
}
