using System.Text;

namespace CrossMargin.Ethereum.Generators;

/// <summary>Indented line writer for generated source.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new StringBuilder();
    private int _indent;

    /// <summary>Writes a line at the current indent; embedded newlines are indented the same way.</summary>
    public CodeWriter Line(string text = "")
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0)
                _sb.Append(' ', _indent * 4).Append(line);
            _sb.Append('\n');
        }
        return this;
    }

    public CodeWriter Open(string header)
    {
        Line(header).Line("{");
        _indent++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _sb.ToString();

    /// <summary>C# string literal for arbitrary text.</summary>
    public static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);
}
