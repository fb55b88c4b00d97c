using CrossMargin.Devnet;

namespace CrossMargin.TestKit;

/// <summary>
/// Another project's build output, for tests that run it as a child process (`crossmargin keeper`, the indexer's crash
/// host): found from the repository root (<see cref="Toolchain"/>) in the configuration and target framework the running
/// tests were built with (their bin/&lt;Configuration&gt;/&lt;tfm&gt;/ directory).
/// </summary>
public static class BuildOutput
{
    /// <summary>The .dll of <paramref name="assembly"/> built by <paramref name="project"/> (a folder relative to the repository root).</summary>
    public static string Dll(string project, string assembly)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Toolchain.PathOf(Path.Combine(project, "bin", bin.Parent!.Name, bin.Name, assembly + ".dll"));
    }
}
