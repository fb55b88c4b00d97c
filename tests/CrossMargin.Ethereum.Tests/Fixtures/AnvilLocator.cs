namespace CrossMargin.Ethereum.Tests.Fixtures;

/// <summary>
/// Finds the anvil binary: $CROSSMARGIN_ANVIL first (worktrees and CI images without node_modules), else
/// the npm-installed Foundry package in the nearest node_modules above the test binaries.
/// </summary>
public static class AnvilLocator
{
    public const string EnvironmentVariable = "CROSSMARGIN_ANVIL";

    private static readonly string RelativePath = Path.Combine("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static string Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return File.Exists(fromEnv)
                ? fromEnv
                : throw new FileNotFoundException($"{EnvironmentVariable} points to '{fromEnv}', which does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException(
            $"anvil not found. Run 'npm ci' at the repository root (installs {RelativePath}) " +
            $"or set {EnvironmentVariable} to the anvil binary. Searched upwards from {AppContext.BaseDirectory}.");
    }
}
