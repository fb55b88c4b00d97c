namespace CrossMargin.Cli.Bench;

/// <summary>The repository root (the directory holding CrossMargin.sln), above the working directory or the CLI binary.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CrossMargin.sln")))
                    return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("repository root (CrossMargin.sln) not found above the working directory");
    }
}
