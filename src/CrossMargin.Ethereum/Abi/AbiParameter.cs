namespace CrossMargin.Ethereum.Abi;

/// <summary>One input/output of a function, event, error or constructor as declared in ABI JSON.</summary>
public sealed class AbiParameter
{
    public AbiParameter(string name, AbiType type, bool indexed = false, string? internalType = null, IReadOnlyList<AbiParameter>? components = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        Indexed = indexed;
        InternalType = internalType;
        Components = components ?? [];
    }

    public string Name { get; }

    public AbiType Type { get; }

    /// <summary>Event parameters only: stored in a topic rather than in data.</summary>
    public bool Indexed { get; }

    /// <summary>Solidity-level type such as <c>struct MarginEngine.Order</c>, when the compiler provided it.</summary>
    public string? InternalType { get; }

    /// <summary>Named fields of a tuple (or of the tuple element of an array of tuples).</summary>
    public IReadOnlyList<AbiParameter> Components { get; }

    public override string ToString() => Name.Length == 0 ? Type.CanonicalName : $"{Type.CanonicalName} {Name}";
}
