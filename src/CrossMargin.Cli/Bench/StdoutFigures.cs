namespace CrossMargin.Cli.Bench;

/// <summary>A program's printed figures as markdown: its markdown table lines verbatim, other text in ```text blocks, in order.</summary>
internal static class StdoutFigures
{
    public static string ToMarkdown(IReadOnlyList<string> lines)
    {
        var blocks = new List<string>();
        var run = new List<string>();
        var inTable = false;
        foreach (var line in lines)
        {
            var isTable = line.TrimStart().StartsWith('|');
            if (isTable != inTable)
                Close();
            inTable = isTable;
            run.Add(isTable ? line.TrimStart() : line);
        }
        Close();
        return string.Join("\n\n", blocks);

        void Close()
        {
            var body = string.Join('\n', run).Trim('\n', ' ');
            if (body.Length > 0)
                blocks.Add(inTable ? body : $"```text\n{body}\n```");
            run.Clear();
        }
    }
}
