using MediaBib.Bench;

// bench/MediaBib.Bench <scenario> [options]; see bench/run.sh. Prints "key=value" lines the shell scripts collect.
return args.FirstOrDefault() switch
{
    "circulation" => await CirculationBench.RunAsync(args[1..]),
    "notices" => await NoticesBench.RunAsync(args[1..]),
    "opac-load" => await OpacBench.LoadAsync(args[1..]),
    "opac-search" => await OpacBench.SearchAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MediaBib.Bench circulation [--clients 1,8,32] [--seconds 15] | notices [--loans 100000] [--patrons 30000] | opac-load --records N --file SEED.mrc | opac-search --records N [--urls FILE]");
    return 2;
}
