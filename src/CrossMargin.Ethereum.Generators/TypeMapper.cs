namespace CrossMargin.Ethereum.Generators;

/// <summary>
/// Maps ABI types to C# types and to the expressions that read/convert them: integers wider than 64
/// bits are <c>UInt256</c>/<c>Int256</c>, addresses <c>Address</c>, so word fields decode without allocating.
/// </summary>
internal sealed class TypeMapper
{
    public const string Abi = "global::CrossMargin.Ethereum.Abi.";
    public const string Primitives = "global::CrossMargin.Ethereum.Primitives.";
    private const string BigInteger = "global::System.Numerics.BigInteger";
    private const string UInt256 = Primitives + "UInt256";
    private const string Int256 = Primitives + "Int256";
    private readonly StructRegistry _structs;

    public TypeMapper(StructRegistry structs) => _structs = structs;

    public string CsType(SolType t) => t.Kind switch
    {
        SolKind.UInt => t.Size <= 8 ? "byte" : t.Size <= 16 ? "ushort" : t.Size <= 32 ? "uint" : t.Size <= 64 ? "ulong" : UInt256,
        SolKind.Int => t.Size <= 8 ? "sbyte" : t.Size <= 16 ? "short" : t.Size <= 32 ? "int" : t.Size <= 64 ? "long" : Int256,
        SolKind.Bool => "bool",
        SolKind.String => "string",
        SolKind.Address => Primitives + "Address",
        SolKind.FixedBytes or SolKind.Bytes => "byte[]",
        SolKind.FixedArray or SolKind.DynamicArray => "global::System.Collections.Generic.IReadOnlyList<" + CsType(t.Element!) + ">",
        _ => _structs.NameOf(t),
    };

    /// <summary>Reads a word type straight from a 32-byte slot expression (the allocation-free fast path).</summary>
    public string ReadWord(SolType t, string slot) => t.Kind switch
    {
        SolKind.UInt when t.Size <= 64 => "(" + CsType(t) + ")" + Abi + "AbiWord.ReadUInt64(" + slot + ", " + t.Size + ")",
        SolKind.Int when t.Size <= 64 => "(" + CsType(t) + ")" + Abi + "AbiWord.ReadInt64(" + slot + ", " + t.Size + ")",
        SolKind.UInt => Abi + "AbiWord.ReadUInt256(" + slot + ", " + t.Size + ")",
        SolKind.Int => Abi + "AbiWord.ReadInt256(" + slot + ", " + t.Size + ")",
        SolKind.Bool => Abi + "AbiWord.ReadBool(" + slot + ")",
        SolKind.Address => Abi + "AbiWord.ReadAddress(" + slot + ")",
        _ => Abi + "AbiWord.ReadFixedBytes(" + slot + ", " + t.Size + ")",
    };

    /// <summary>Converts a general-codec value (BigInteger/byte[]/object[]...) to the C# type.</summary>
    public string FromObject(SolType t, string expr, int depth = 0)
    {
        var x = "x" + depth;
        return t.Kind switch
        {
            SolKind.UInt or SolKind.Int => "(" + CsType(t) + ")(" + BigInteger + ")" + expr,
            SolKind.FixedArray or SolKind.DynamicArray =>
                Abi + "AbiConvert.ToList<" + CsType(t.Element!) + ">(" + expr + ", " + x + " => " + FromObject(t.Element!, x, depth + 1) + ")",
            SolKind.Tuple => _structs.NameOf(t) + ".FromAbi(" + expr + ")",
            _ => "(" + CsType(t) + ")" + expr,
        };
    }

    /// <summary>Converts a C# value to what the general encoder accepts.</summary>
    public string ToObject(SolType t, string expr, int depth = 0)
    {
        var x = "x" + depth;
        return t.Kind switch
        {
            SolKind.FixedArray or SolKind.DynamicArray =>
                Abi + "AbiConvert.FromList<" + CsType(t.Element!) + ">(" + expr + ", " + x + " => " + ToObject(t.Element!, x, depth + 1) + ")",
            SolKind.Tuple => expr + "?.ToAbi()",
            _ => "(object?)" + expr,
        };
    }
}
