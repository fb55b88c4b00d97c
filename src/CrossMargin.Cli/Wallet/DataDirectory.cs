namespace CrossMargin.Cli.Wallet;

/// <summary>Where `crossmargin up` keeps chain state and deployment.json: $CROSSMARGIN_DATA, else .data (as the shell script).</summary>
internal static class DataDirectory
{
    public static string Path =>
        Environment.GetEnvironmentVariable("CROSSMARGIN_DATA") is { Length: > 0 } dir ? dir : System.IO.Path.GetFullPath(".data");

    public static string DeploymentFile => System.IO.Path.Combine(Path, "deployment.json");
}
