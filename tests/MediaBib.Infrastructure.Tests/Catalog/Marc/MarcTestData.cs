namespace MediaBib.Infrastructure.Tests.Catalog.Marc;

/// <summary>
/// The real MARC test files (<c>shared/data/marc</c>): next to the repository (<c>../shared/data/marc</c> from the folder
/// holding MediaBib.sln), or MB_MARC_DATA, or /work/shared/data/marc. Tests skip when none exists.
/// </summary>
internal static class MarcTestData
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string Folder => Root.Value ?? throw new InvalidOperationException("no MARC test data");

    /// <summary>Skips the calling test when the data folder is absent.</summary>
    public static string Require()
    {
        if (Root.Value is null)
        {
            Assert.Skip("MARC test data not found (../shared/data/marc, MB_MARC_DATA or /work/shared/data/marc).");
        }

        return Root.Value;
    }

    public static string PathOf(string relative) => Path.Combine(Require(), relative);

    public static IEnumerable<string> Files(string subfolder) =>
        Directory.EnumerateFiles(Path.Combine(Require(), subfolder)).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaBib.sln")))
            {
                var beside = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "marc"));
                if (Directory.Exists(beside))
                {
                    return beside;
                }

                break;
            }
        }

        if (Environment.GetEnvironmentVariable("MB_MARC_DATA") is { Length: > 0 } fromEnv && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        return Directory.Exists("/work/shared/data/marc") ? "/work/shared/data/marc" : null;
    }
}
