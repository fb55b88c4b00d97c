using System.Buffers.Binary;
using System.Numerics;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// Strict readers and writers for single 32-byte ABI words. These are the allocation-light fast path
/// that generated bindings call for fixed-size fields; the general codec uses them too so both paths
/// apply the same validation.
/// </summary>
public static class AbiWord
{
    public const int Size = 32;

    /// <summary>The 32-byte word at <paramref name="offset"/>, or an <see cref="AbiException"/> if it is out of bounds.</summary>
    public static ReadOnlySpan<byte> Slot(ReadOnlySpan<byte> data, int offset)
    {
        if (offset < 0 || offset > data.Length - Size)
            throw new AbiException($"data too short: need 32 bytes at offset {offset}, have {data.Length} bytes");
        return data.Slice(offset, Size);
    }

    /// <summary>Topic <paramref name="index"/> of a log, which must be exactly 32 bytes.</summary>
    public static ReadOnlySpan<byte> Topic(IReadOnlyList<byte[]> topics, int index)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if ((uint)index >= (uint)topics.Count)
            throw new AbiException($"log has {topics.Count} topics, topic {index} missing");
        var topic = topics[index];
        if (topic is null || topic.Length != Size)
            throw new AbiException($"topic {index} must be 32 bytes");
        return topic;
    }

    /// <summary>Copies topic <paramref name="index"/> into <paramref name="buffer"/> (32 bytes) and returns it as a word.</summary>
    public static ReadOnlySpan<byte> Topic(IReadOnlyList<Hash32> topics, int index, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if ((uint)index >= (uint)topics.Count)
            throw new AbiException($"log has {topics.Count} topics, topic {index} missing");
        topics[index].WriteTo(buffer);
        return buffer[..Size];
    }

    public static BigInteger ReadUInt(ReadOnlySpan<byte> word, int bits)
    {
        var used = bits / 8;
        if (word[..(Size - used)].ContainsAnyExcept((byte)0))
            throw new AbiException($"value out of range for uint{bits}");
        return new BigInteger(word[(Size - used)..], isUnsigned: true, isBigEndian: true);
    }

    public static BigInteger ReadInt(ReadOnlySpan<byte> word, int bits)
    {
        CheckSignExtension(word, bits);
        // The full word is a valid two's-complement encoding once sign extension is verified.
        return new BigInteger(word, isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Reads a <c>uintN</c> with N ≤ 64 without touching BigInteger.</summary>
    public static ulong ReadUInt64(ReadOnlySpan<byte> word, int bits)
    {
        if (word[..24].ContainsAnyExcept((byte)0))
            throw new AbiException($"value out of range for uint{bits}");
        var value = BinaryPrimitives.ReadUInt64BigEndian(word[24..]);
        if (bits < 64 && value >> bits != 0)
            throw new AbiException($"value out of range for uint{bits}");
        return value;
    }

    /// <summary>Reads an <c>intN</c> with N ≤ 64 without touching BigInteger.</summary>
    public static long ReadInt64(ReadOnlySpan<byte> word, int bits)
    {
        CheckSignExtension(word, bits);
        return BinaryPrimitives.ReadInt64BigEndian(word[24..]);
    }

    public static bool ReadBool(ReadOnlySpan<byte> word)
    {
        if (word[..31].ContainsAnyExcept((byte)0) || word[31] > 1)
            throw new AbiException("bool must be encoded as 0 or 1");
        return word[31] == 1;
    }

    /// <summary>Reads a <c>uintN</c> (any N) into a <see cref="UInt256"/>: no heap allocation.</summary>
    public static UInt256 ReadUInt256(ReadOnlySpan<byte> word, int bits)
    {
        var used = bits / 8;
        if (word[..(Size - used)].ContainsAnyExcept((byte)0))
            throw new AbiException($"value out of range for uint{bits}");
        return UInt256.FromBigEndian(word);
    }

    /// <summary>Reads an <c>intN</c> (any N) into an <see cref="Int256"/>: no heap allocation.</summary>
    public static Int256 ReadInt256(ReadOnlySpan<byte> word, int bits)
    {
        CheckSignExtension(word, bits);
        return Int256.FromBigEndian(word);
    }

    public static Address ReadAddress(ReadOnlySpan<byte> word)
    {
        if (word[..12].ContainsAnyExcept((byte)0))
            throw new AbiException("address has non-zero high bytes");
        return AbiAddress.FromWordTail(word[12..]);
    }

    public static byte[] ReadFixedBytes(ReadOnlySpan<byte> word, int size)
    {
        if (word[size..].ContainsAnyExcept((byte)0))
            throw new AbiException($"bytes{size} has non-zero padding");
        return word[..size].ToArray();
    }

    public static void WriteUInt(BigInteger value, int bits, Span<byte> word)
    {
        if (value.Sign < 0 || value.GetBitLength() > bits)
            throw new AbiException($"value {value} out of range for uint{bits}");
        word.Clear();
        value.TryWriteBytes(word[(Size - value.GetByteCount(isUnsigned: true))..], out _, isUnsigned: true, isBigEndian: true);
    }

    public static void WriteInt(BigInteger value, int bits, Span<byte> word)
    {
        // GetBitLength excludes the sign bit for two's complement, so intN holds values of at most N-1 bits.
        if (value.GetBitLength() > bits - 1)
            throw new AbiException($"value {value} out of range for int{bits}");
        word.Fill(value.Sign < 0 ? (byte)0xFF : (byte)0);
        value.TryWriteBytes(word[(Size - value.GetByteCount())..], out _, isUnsigned: false, isBigEndian: true);
    }

    public static void WriteBool(bool value, Span<byte> word)
    {
        word.Clear();
        word[31] = value ? (byte)1 : (byte)0;
    }

    public static void WriteUInt256(UInt256 value, int bits, Span<byte> word)
    {
        if (value.BitLength > bits)
            throw new AbiException($"value {value} out of range for uint{bits}");
        value.WriteBigEndian(word);
    }

    public static void WriteInt256(Int256 value, int bits, Span<byte> word)
    {
        value.WriteBigEndian(word);
        CheckSignExtension(word, bits);
    }

    public static void WriteAddress(Address address, Span<byte> word)
    {
        word[..12].Clear();
        address.WriteTo(word[12..]);
    }

    public static void WriteFixedBytes(ReadOnlySpan<byte> value, int size, Span<byte> word)
    {
        if (value.Length != size)
            throw new AbiException($"bytes{size} value must be {size} bytes, got {value.Length}");
        word.Clear();
        value.CopyTo(word);
    }

    private static void CheckSignExtension(ReadOnlySpan<byte> word, int bits)
    {
        if (bits == 256)
            return;
        var first = Size - bits / 8;
        var fill = (word[first] & 0x80) != 0 ? (byte)0xFF : (byte)0;
        if (word[..first].ContainsAnyExcept(fill))
            throw new AbiException($"value out of range for int{bits}");
    }
}
