using System.Collections;
using CrossMargin.Ethereum.Crypto;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// Solidity's non-standard packed mode (<c>abi.encodePacked</c>): scalars use their natural width,
/// bytes/string are raw, and array elements are padded to 32 bytes with no length prefix. Tuples and
/// arrays of dynamic types are rejected, as Solidity rejects them.
/// </summary>
public static class AbiPacked
{
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
            throw new AbiException($"expected {types.Count} values, got {values.Count}");
        using var stream = new MemoryStream();
        for (var i = 0; i < types.Count; i++)
            Write(types[i], values[i], inArray: false, stream);
        return stream.ToArray();
    }

    /// <summary><c>keccak256(abi.encodePacked(...))</c>, as Solidity computes it.</summary>
    public static byte[] Keccak256(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values) =>
        Crypto.Keccak256.Hash(Encode(types, values));

    private static void Write(AbiType type, object? value, bool inArray, Stream output)
    {
        Span<byte> word = stackalloc byte[AbiWord.Size];
        switch (type.Kind)
        {
            case AbiTypeKind.UInt or AbiTypeKind.Int or AbiTypeKind.Address or AbiTypeKind.Bool or AbiTypeKind.FixedBytes:
            {
                WriteWord(type, value, word);
                output.Write(inArray ? word : NaturalSlice(type, word));
                return;
            }
            case AbiTypeKind.Bytes or AbiTypeKind.String:
                if (inArray)
                    throw new AbiException($"packed encoding does not support arrays of {type}");
                output.Write(type.Kind == AbiTypeKind.Bytes ? AbiValues.ToBytes(value) : AbiEncoder.EncodeUtf8(AbiValues.ToText(value)));
                return;
            case AbiTypeKind.FixedArray or AbiTypeKind.DynamicArray:
            {
                IList list = AbiValues.ToList(value, type);
                foreach (var item in list)
                    Write(type.ElementType!, item, inArray: true, output);
                return;
            }
            default:
                throw new AbiException("packed encoding does not support tuples");
        }
    }

    private static void WriteWord(AbiType type, object? value, Span<byte> word)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt: AbiWord.WriteUInt(AbiValues.ToBigInteger(value), type.Size, word); break;
            case AbiTypeKind.Int: AbiWord.WriteInt(AbiValues.ToBigInteger(value), type.Size, word); break;
            case AbiTypeKind.Bool: AbiWord.WriteBool(AbiValues.ToBool(value), word); break;
            case AbiTypeKind.Address: AbiWord.WriteAddress(AbiAddress.ToAddress(value), word); break;
            default: AbiWord.WriteFixedBytes(AbiValues.ToBytes(value), type.Size, word); break;
        }
    }

    // The value's natural width: low-order bytes for numbers/addresses, leading bytes for bytesN.
    private static ReadOnlySpan<byte> NaturalSlice(AbiType type, ReadOnlySpan<byte> word) => type.Kind switch
    {
        AbiTypeKind.UInt or AbiTypeKind.Int => word[(AbiWord.Size - type.Size / 8)..],
        AbiTypeKind.Address => word[12..],
        AbiTypeKind.Bool => word[31..],
        _ => word[..type.Size],
    };
}
