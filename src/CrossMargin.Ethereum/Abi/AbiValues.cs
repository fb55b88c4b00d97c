using System.Collections;
using System.Numerics;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// Converts loosely typed encoder inputs into the codec's representations. New value types
/// (e.g. UInt256/Int256 from the primitives branch) get one case here.
/// </summary>
internal static class AbiValues
{
    public static BigInteger ToBigInteger(object? value) => value switch
    {
        BigInteger b => b,
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        short s => s,
        ushort us => us,
        byte b8 => b8,
        sbyte sb => sb,
        Int128 i128 => i128,
        UInt128 u128 => u128,
        Primitives.UInt256 u256 => u256,
        Primitives.Int256 i256 => i256,
        _ => throw new AbiException($"cannot use {AbiAddress.Describe(value)} as an integer"),
    };

    public static bool ToBool(object? value) =>
        value is bool b ? b : throw new AbiException($"cannot use {AbiAddress.Describe(value)} as bool");

    public static ReadOnlySpan<byte> ToBytes(object? value) => value switch
    {
        byte[] bytes => bytes,
        ReadOnlyMemory<byte> rom => rom.Span,
        Memory<byte> mem => mem.Span,
        _ => throw new AbiException($"cannot use {AbiAddress.Describe(value)} as bytes"),
    };

    public static string ToText(object? value) =>
        value as string ?? throw new AbiException($"cannot use {AbiAddress.Describe(value)} as string");

    /// <summary>Arrays and tuples accept any non-generic IList (object[], List&lt;T&gt;, T[]).</summary>
    public static IList ToList(object? value, AbiType type)
    {
        if (value is not IList list)
            throw new AbiException($"cannot use {AbiAddress.Describe(value)} as {type}");
        var expected = type.Kind switch
        {
            AbiTypeKind.FixedArray => type.Length,
            AbiTypeKind.Tuple => type.Components.Count,
            _ => list.Count,
        };
        if (list.Count != expected)
            throw new AbiException($"{type} needs {expected} values, got {list.Count}");
        return list;
    }
}
