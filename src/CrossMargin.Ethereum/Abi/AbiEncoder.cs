using System.Buffers.Binary;
using System.Text;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// Standard (non-packed) ABI encoder. Sizes are computed first so each call writes into exactly one
/// buffer with no intermediate arrays.
/// </summary>
public static class AbiEncoder
{
    // Strict so that unpaired surrogates fail loudly instead of being silently replaced on chain.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encodes a parameter list, as <c>abi.encode(v1, v2, ...)</c>.</summary>
    public static byte[] Encode(IReadOnlyList<AbiType> types, IReadOnlyList<object?> values) => EncodeWithPrefix([], types, values);

    /// <summary>Encodes a single value as a one-element parameter list.</summary>
    public static byte[] Encode(AbiType type, object? value) => Encode([type], [value]);

    /// <summary>4-byte selector followed by the encoded arguments.</summary>
    public static byte[] EncodeCall(uint selector, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, selector);
        return EncodeWithPrefix(prefix, types, values);
    }

    /// <summary>Deploy data: creation bytecode followed by the encoded constructor arguments.</summary>
    public static byte[] EncodeDeploy(ReadOnlySpan<byte> bytecode, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values) =>
        EncodeWithPrefix(bytecode, types, values);

    private static byte[] EncodeWithPrefix(ReadOnlySpan<byte> prefix, IReadOnlyList<AbiType> types, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
            throw new AbiException($"expected {types.Count} values, got {values.Count}");
        var size = SequenceSize(types.Count, i => types[i], i => values[i]);
        var output = new byte[checked(prefix.Length + size)];
        prefix.CopyTo(output);
        WriteSequence(types.Count, i => types[i], i => values[i], output.AsSpan(prefix.Length));
        return output;
    }

    /// <summary>Full encoded size of <paramref name="value"/> (head and tail, for a dynamic type its tail only).</summary>
    internal static int SizeOf(AbiType type, object? value)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bytes:
                return checked(AbiWord.Size + PadTo32(AbiValues.ToBytes(value).Length));
            case AbiTypeKind.String:
                return checked(AbiWord.Size + PadTo32(Utf8Length(AbiValues.ToText(value))));
            case AbiTypeKind.FixedArray or AbiTypeKind.DynamicArray:
            {
                var list = AbiValues.ToList(value, type);
                var body = SequenceSize(list.Count, _ => type.ElementType!, i => list[i]);
                return type.Kind == AbiTypeKind.DynamicArray ? checked(AbiWord.Size + body) : body;
            }
            case AbiTypeKind.Tuple:
            {
                var list = AbiValues.ToList(value, type);
                return SequenceSize(list.Count, i => type.Components[i], i => list[i]);
            }
            default:
                return AbiWord.Size;
        }
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="dest"/>; returns bytes written.</summary>
    internal static int Write(AbiType type, object? value, Span<byte> dest)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.UInt when value is UInt256 u:
                AbiWord.WriteUInt256(u, type.Size, dest[..AbiWord.Size]);
                return AbiWord.Size;
            case AbiTypeKind.Int when value is Int256 i:
                AbiWord.WriteInt256(i, type.Size, dest[..AbiWord.Size]);
                return AbiWord.Size;
            case AbiTypeKind.UInt:
                AbiWord.WriteUInt(AbiValues.ToBigInteger(value), type.Size, dest[..AbiWord.Size]);
                return AbiWord.Size;
            case AbiTypeKind.Int:
                AbiWord.WriteInt(AbiValues.ToBigInteger(value), type.Size, dest[..AbiWord.Size]);
                return AbiWord.Size;
            case AbiTypeKind.Bool:
                AbiWord.WriteBool(AbiValues.ToBool(value), dest[..AbiWord.Size]);
                return AbiWord.Size;
            case AbiTypeKind.Address:
                AbiWord.WriteAddress(AbiAddress.ToAddress(value), dest[..AbiWord.Size]);
                return AbiWord.Size;
            case AbiTypeKind.FixedBytes:
                AbiWord.WriteFixedBytes(AbiValues.ToBytes(value), type.Size, dest[..AbiWord.Size]);
                return AbiWord.Size;
            case AbiTypeKind.Bytes:
                return WriteBytes(AbiValues.ToBytes(value), dest);
            case AbiTypeKind.String:
                return WriteBytes(EncodeUtf8(AbiValues.ToText(value)), dest);
            case AbiTypeKind.FixedArray:
            {
                var list = AbiValues.ToList(value, type);
                return WriteSequence(list.Count, _ => type.ElementType!, i => list[i], dest);
            }
            case AbiTypeKind.DynamicArray:
            {
                var list = AbiValues.ToList(value, type);
                WriteLength(list.Count, dest);
                return AbiWord.Size + WriteSequence(list.Count, _ => type.ElementType!, i => list[i], dest[AbiWord.Size..]);
            }
            default:
            {
                var list = AbiValues.ToList(value, type);
                return WriteSequence(list.Count, i => type.Components[i], i => list[i], dest);
            }
        }
    }

    internal static int PadTo32(int length) => checked((length + 31) & ~31);

    internal static byte[] EncodeUtf8(string text)
    {
        try
        {
            return StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new AbiException("string is not valid UTF-16 (unpaired surrogate)", e);
        }
    }

    private static int Utf8Length(string text)
    {
        try
        {
            return StrictUtf8.GetByteCount(text);
        }
        catch (EncoderFallbackException e)
        {
            throw new AbiException("string is not valid UTF-16 (unpaired surrogate)", e);
        }
    }

    private static int SequenceSize(int count, Func<int, AbiType> typeAt, Func<int, object?> valueAt)
    {
        var size = 0;
        for (var i = 0; i < count; i++)
        {
            var t = typeAt(i);
            size = checked(size + (t.IsDynamic ? AbiWord.Size + SizeOf(t, valueAt(i)) : t.HeadSize));
        }
        return size;
    }

    // Heads first, then tails; offsets are relative to the start of this sequence.
    private static int WriteSequence(int count, Func<int, AbiType> typeAt, Func<int, object?> valueAt, Span<byte> dest)
    {
        var headSize = 0;
        for (var i = 0; i < count; i++)
            headSize += typeAt(i).HeadSize;
        var head = 0;
        var tail = headSize;
        for (var i = 0; i < count; i++)
        {
            var t = typeAt(i);
            if (t.IsDynamic)
            {
                WriteLength(tail, dest[head..]);
                tail += Write(t, valueAt(i), dest[tail..]);
                head += AbiWord.Size;
            }
            else
            {
                head += Write(t, valueAt(i), dest[head..]);
            }
        }
        return tail;
    }

    private static int WriteBytes(ReadOnlySpan<byte> bytes, Span<byte> dest)
    {
        WriteLength(bytes.Length, dest);
        bytes.CopyTo(dest[AbiWord.Size..]);
        // Output buffers are fresh (zeroed), so padding needs no explicit clearing.
        return AbiWord.Size + PadTo32(bytes.Length);
    }

    private static void WriteLength(int length, Span<byte> dest)
    {
        dest[..AbiWord.Size].Clear();
        BinaryPrimitives.WriteInt32BigEndian(dest.Slice(28, 4), length);
    }
}
