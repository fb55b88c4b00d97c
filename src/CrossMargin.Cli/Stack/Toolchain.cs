namespace CrossMargin.Cli.Stack;

/// <summary>
/// Where the repository and its npm-installed Foundry binaries are: $CROSSMARGIN_ROOT, else the directory holding
/// foundry.toml and CrossMargin.sln above the CLI's binaries (./crossmargin builds the CLI in place), else above the
/// working directory. $CROSSMARGIN_ANVIL overrides the anvil binary. The one place that answers these questions for
/// `up`, `compare`, `bench` and the tests.
/// </summary>
internal static class Toolchain
{
    public static string Root { get; } = FindRoot();

    public static string Anvil =>
        Environment.GetEnvironmentVariable("CROSSMARGIN_ANVIL") is { Length: > 0 } anvil ? anvil : Binary("anvil");

    public static string Forge => Binary("forge");

    /// <summary>The data directory: $CROSSMARGIN_DATA, else .data/ in the repository.</summary>
    public static string DefaultDataDir =>
        Environment.GetEnvironmentVariable("CROSSMARGIN_DATA") is { Length: > 0 } data ? Path.GetFullPath(data) : Path.Combine(Root, ".data");

    private static string Binary(string name)
    {
        var path = Path.Combine(Root, "node_modules", "@foundry-rs", $"{name}-linux-amd64", "bin", name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{name} not found at {path}: run `npm ci` in {Root} (./crossmargin does it for you)");
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("CROSSMARGIN_ROOT") is { Length: > 0 } root)
            return Path.GetFullPath(root);
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "foundry.toml")) && File.Exists(Path.Combine(dir.FullName, "CrossMargin.sln")))
                    return dir.FullName;
            }
        }
        // Installed elsewhere: the current directory is the best guess (and errors name it).
        return Directory.GetCurrentDirectory();
    }
}
