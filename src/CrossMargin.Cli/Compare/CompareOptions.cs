namespace CrossMargin.Cli.Compare;

/// <summary>`crossmargin compare` settings. <see cref="PngLink"/> is how the markdown refers to the PNG (relative to the markdown file).</summary>
internal sealed record CompareOptions(int Paths, int Steps, int Seed, string Out, string Png)
{
    public string PngLink => Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(Out))!, Path.GetFullPath(Png)).Replace('\\', '/');

    public string CommandLine => $"./crossmargin compare --paths {Paths} --steps {Steps} --seed {Seed}";
}
