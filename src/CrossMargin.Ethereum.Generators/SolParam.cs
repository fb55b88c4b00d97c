namespace CrossMargin.Ethereum.Generators;

/// <summary>A named ABI parameter (input, output, event field or struct component).</summary>
internal sealed class SolParam
{
    public SolParam(string name, SolType type, bool indexed)
    {
        Name = name;
        Type = type;
        Indexed = indexed;
    }

    public string Name { get; }

    public SolType Type { get; }

    public bool Indexed { get; }
}
