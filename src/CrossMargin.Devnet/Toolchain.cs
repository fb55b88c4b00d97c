namespace CrossMargin.Devnet;

/// <summary>
/// Where the repository and its npm-installed Foundry binaries are, the one place that answers it for the CLI, the
/// tests and the benchmarks: $CROSSMARGIN_ROOT, else the directory holding foundry.toml and CrossMargin.sln above the
/// running binaries (./crossmargin builds the CLI in place, tests run from their bin/), else above the working directory.
/// $CROSSMARGIN_ANVIL overrides the anvil binary (CI images, a checkout without node_modules).
/// </summary>
public static class Toolchain
{
    public const string RootVariable = "CROSSMARGIN_ROOT";
    public const string AnvilVariable = "CROSSMARGIN_ANVIL";

    public static string Root { get; } = FindRoot();

    public static string Anvil => Environment.GetEnvironmentVariable(AnvilVariable) is { Length: > 0 } anvil
        ? File.Exists(anvil) ? anvil : throw new FileNotFoundException($"{AnvilVariable} points to '{anvil}', which does not exist.")
        : Binary("anvil");

    public static string Forge => Binary("forge");

    /// <summary>A path given relative to the repository root (forward slashes are fine).</summary>
    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    private static string Binary(string name)
    {
        var path = Path.Combine(Root, "node_modules", "@foundry-rs", $"{name}-linux-amd64", "bin", name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{name} not found at {path}: run `npm ci` in {Root} (./crossmargin does it for you)");
    }

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root)
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
