using System.Globalization;
using MediaBib.Bench.Desk;

// bench/MediaBib.Bench.Desk --url http://127.0.0.1:PORT --web-pid PID [--circuits 50] [--seconds 60]; see bench/desk.sh.
var options = DeskBenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: MediaBib.Bench.Desk --url URL --web-pid PID [--circuits 50] [--seconds 60] [--min-gap-ms 1000] [--max-gap-ms 2000]");
    return 2;
}

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
return await DeskBench.RunAsync(options);
