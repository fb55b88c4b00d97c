using System.Buffers.Binary;
using System.Text;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// Strict standard-ABI decoder. Values come back as: BigInteger (uintN/intN), bool, byte[20] (address),
/// byte[] (bytesN, bytes), string, object[] (arrays and tuples). Trailing bytes after the encoding are
/// tolerated, as in Solidity's abi.decode; everything the encoding points to must be in bounds.
/// </summary>
public static class AbiDecoder
{
    /// <summary>Decodes a parameter list, as <c>abi.decode(data, (T1, T2, ...))</c>.</summary>
    public static object[] Decode(IReadOnlyList<AbiType> types, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(types);
        return DecodeSequence(types.Count, i => types[i], data, 0);
    }

    /// <summary>Decodes a one-element parameter list.</summary>
    public static object Decode(AbiType type, ReadOnlySpan<byte> data) => DecodeParameter(type, data, 0);

    /// <summary>
    /// Decodes the parameter whose head slot sits at <paramref name="headOffset"/> in a parameter list
    /// starting at offset 0 of <paramref name="data"/>. Generated bindings use this for non-word fields.
    /// </summary>
    public static object DecodeParameter(AbiType type, ReadOnlySpan<byte> data, int headOffset)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.IsDynamic
            ? DecodeAt(type, data, ReadOffset(data, headOffset, 0))
            : DecodeAt(type, data, headOffset);
    }

    private static object DecodeAt(AbiType type, ReadOnlySpan<byte> data, int pos)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt:
                return AbiWord.ReadUInt(AbiWord.Slot(data, pos), type.Size);
            case AbiTypeKind.Int:
                return AbiWord.ReadInt(AbiWord.Slot(data, pos), type.Size);
            case AbiTypeKind.Bool:
                return AbiWord.ReadBool(AbiWord.Slot(data, pos));
            case AbiTypeKind.Address:
                return AbiWord.ReadAddress(AbiWord.Slot(data, pos));
            case AbiTypeKind.FixedBytes:
                return AbiWord.ReadFixedBytes(AbiWord.Slot(data, pos), type.Size);
            case AbiTypeKind.Bytes:
                return ReadBytes(data, pos).ToArray();
            case AbiTypeKind.String:
                // Lenient on invalid UTF-8: contracts can emit arbitrary bytes and the log must still decode.
                return Encoding.UTF8.GetString(ReadBytes(data, pos));
            case AbiTypeKind.FixedArray:
                return DecodeSequence(type.Length, _ => type.ElementType!, data, pos);
            case AbiTypeKind.DynamicArray:
            {
                var count = ReadLength(data, pos, type.ElementType!.HeadSize);
                return DecodeSequence(count, _ => type.ElementType, data, pos + AbiWord.Size);
            }
            default:
                return DecodeSequence(type.Components.Count, i => type.Components[i], data, pos);
        }
    }

    private static object[] DecodeSequence(int count, Func<int, AbiType> typeAt, ReadOnlySpan<byte> data, int start)
    {
        var values = new object[count];
        var head = start;
        for (var i = 0; i < count; i++)
        {
            var t = typeAt(i);
            values[i] = t.IsDynamic ? DecodeAt(t, data, ReadOffset(data, head, start)) : DecodeAt(t, data, head);
            head += t.HeadSize;
        }
        return values;
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, int pos)
    {
        var length = ReadLength(data, pos, 1);
        var body = pos + AbiWord.Size;
        // The padded length must be present too, as canonical encoders always write it.
        if ((long)body + AbiEncoder.PadTo32(length) > data.Length)
            throw new AbiException($"bytes of length {length} at offset {pos} run past the end of data");
        return data.Slice(body, length);
    }

    /// <summary>Reads a length word and checks that <c>length * unitSize</c> bytes can follow it.</summary>
    private static int ReadLength(ReadOnlySpan<byte> data, int pos, int unitSize)
    {
        var word = AbiWord.Slot(data, pos);
        if (word[..24].ContainsAnyExcept((byte)0))
            throw new AbiException($"length at offset {pos} is too large");
        var length = BinaryPrimitives.ReadUInt64BigEndian(word[24..]);
        var available = (ulong)(data.Length - pos - AbiWord.Size);
        // Compare in 128-bit space so a huge length cannot overflow the multiplication.
        // Zero-size elements (empty tuples) would otherwise allow any length; cap by the data size too.
        if ((UInt128)length * (ulong)unitSize > available || length > available)
            throw new AbiException($"length {length} at offset {pos} exceeds the {available} bytes that follow");
        return (int)length;
    }

    /// <summary>Reads an offset relative to <paramref name="start"/> and returns the absolute position.</summary>
    private static int ReadOffset(ReadOnlySpan<byte> data, int headPos, int start)
    {
        var word = AbiWord.Slot(data, headPos);
        if (word[..24].ContainsAnyExcept((byte)0))
            throw new AbiException($"offset at {headPos} is too large");
        var offset = BinaryPrimitives.ReadUInt64BigEndian(word[24..]);
        if ((ulong)start + offset >= (ulong)data.Length)
            throw new AbiException($"offset {offset} at {headPos} points outside the {data.Length}-byte data");
        return (int)((ulong)start + offset);
    }
}
