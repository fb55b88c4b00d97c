using System.Collections.Concurrent;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// An immutable, parsed Solidity ABI type. Instances are cached by canonical name, so parsing the
/// same string repeatedly (as generated bindings do in static initialisers) is cheap.
/// </summary>
public sealed class AbiType : IEquatable<AbiType>
{
    public const int WordSize = 32;

    // Caps the static size of a type so that head arithmetic can never overflow an int.
    private const int MaxStaticSize = 1 << 24;

    private const int MaxCacheEntries = 4096;

    private static readonly ConcurrentDictionary<string, AbiType> Cache = new(StringComparer.Ordinal);

    private AbiType(AbiTypeKind kind, int size, AbiType? element, int length, AbiType[] components)
    {
        Kind = kind;
        Size = size;
        ElementType = element;
        Length = length;
        Components = components;
        IsDynamic = kind switch
        {
            AbiTypeKind.Bytes or AbiTypeKind.String or AbiTypeKind.DynamicArray => true,
            AbiTypeKind.FixedArray => element!.IsDynamic,
            AbiTypeKind.Tuple => Array.Exists(components, c => c.IsDynamic),
            _ => false,
        };
        HeadSize = IsDynamic ? WordSize : kind switch
        {
            AbiTypeKind.FixedArray => CheckedSize((long)element!.HeadSize * length),
            AbiTypeKind.Tuple => CheckedSize(components.Sum(c => (long)c.HeadSize)),
            _ => WordSize,
        };
        CanonicalName = kind switch
        {
            AbiTypeKind.UInt => "uint" + size,
            AbiTypeKind.Int => "int" + size,
            AbiTypeKind.Address => "address",
            AbiTypeKind.Bool => "bool",
            AbiTypeKind.FixedBytes => "bytes" + size,
            AbiTypeKind.Bytes => "bytes",
            AbiTypeKind.String => "string",
            AbiTypeKind.FixedArray => element!.CanonicalName + "[" + length + "]",
            AbiTypeKind.DynamicArray => element!.CanonicalName + "[]",
            _ => "(" + string.Join(",", components.Select(c => c.CanonicalName)) + ")",
        };
    }

    public AbiTypeKind Kind { get; }

    /// <summary>Bit width for <c>uintN</c>/<c>intN</c>, byte length for <c>bytesN</c>, otherwise 0.</summary>
    public int Size { get; }

    /// <summary>Element type of <c>T[k]</c> / <c>T[]</c>.</summary>
    public AbiType? ElementType { get; }

    /// <summary>k of <c>T[k]</c>; 0 otherwise.</summary>
    public int Length { get; }

    /// <summary>Component types of a tuple; empty otherwise.</summary>
    public IReadOnlyList<AbiType> Components { get; }

    public bool IsDynamic { get; }

    /// <summary>Bytes this type occupies in an enclosing head: 32 for dynamic types (an offset), else its full static size.</summary>
    public int HeadSize { get; }

    /// <summary>Canonical form as used in signatures, e.g. <c>(uint256,address)[]</c>.</summary>
    public string CanonicalName { get; }

    /// <summary>True for the types that encode as exactly one 32-byte word.</summary>
    public bool IsWord => Kind is AbiTypeKind.UInt or AbiTypeKind.Int or AbiTypeKind.Address or AbiTypeKind.Bool or AbiTypeKind.FixedBytes;

    public static AbiType Address { get; } = new(AbiTypeKind.Address, 0, null, 0, []);

    public static AbiType Bool { get; } = new(AbiTypeKind.Bool, 0, null, 0, []);

    public static AbiType Bytes { get; } = new(AbiTypeKind.Bytes, 0, null, 0, []);

    public static AbiType String { get; } = new(AbiTypeKind.String, 0, null, 0, []);

    public static AbiType UInt256 { get; } = UInt(256);

    public static AbiType Int256 { get; } = Int(256);

    /// <summary>Parses a canonical type string (<c>uint</c>/<c>int</c> are accepted as aliases of the 256-bit forms).</summary>
    public static AbiType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Cache.TryGetValue(text, out var cached))
            return cached;
        var parsed = AbiTypeParser.Parse(text);
        // Bounded so that parsing untrusted type strings cannot grow the cache without limit.
        return Cache.Count < MaxCacheEntries ? Cache.GetOrAdd(text, parsed) : parsed;
    }

    public static AbiType UInt(int bits) => new(AbiTypeKind.UInt, CheckBits(bits), null, 0, []);

    public static AbiType Int(int bits) => new(AbiTypeKind.Int, CheckBits(bits), null, 0, []);

    public static AbiType FixedBytes(int size) =>
        size is >= 1 and <= 32 ? new(AbiTypeKind.FixedBytes, size, null, 0, []) : throw new AbiException($"bytes{size}: size must be 1..32");

    public static AbiType FixedArray(AbiType element, int length)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (length < 1)
            throw new AbiException($"fixed array length must be positive, got {length}");
        return new(AbiTypeKind.FixedArray, 0, element, length, []);
    }

    public static AbiType DynamicArray(AbiType element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return new(AbiTypeKind.DynamicArray, 0, element, 0, []);
    }

    public static AbiType Tuple(params IEnumerable<AbiType> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        return new(AbiTypeKind.Tuple, 0, null, 0, components.ToArray());
    }

    public bool Equals(AbiType? other) => other is not null && string.Equals(CanonicalName, other.CanonicalName, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as AbiType);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalName);

    public override string ToString() => CanonicalName;

    private static int CheckBits(int bits) =>
        bits is >= 8 and <= 256 && bits % 8 == 0 ? bits : throw new AbiException($"integer width must be 8..256 in steps of 8, got {bits}");

    private static int CheckedSize(long size) =>
        size <= MaxStaticSize ? (int)size : throw new AbiException($"static type size {size} exceeds the supported maximum {MaxStaticSize}");
}
