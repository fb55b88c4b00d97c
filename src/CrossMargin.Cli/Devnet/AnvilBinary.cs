namespace CrossMargin.Cli.Devnet;

/// <summary>The npm-installed anvil: $CROSSMARGIN_ANVIL, else node_modules/@foundry-rs above the working directory or the CLI binary.</summary>
internal static class AnvilBinary
{
    private static readonly string RelativePath = Path.Combine("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("CROSSMARGIN_ANVIL") is { Length: > 0 } fromEnv)
            return fromEnv;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new FileNotFoundException($"anvil not found ({RelativePath}): run ./crossmargin once (npm ci) or set CROSSMARGIN_ANVIL");
    }
}
