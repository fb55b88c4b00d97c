using System.Buffers.Binary;
using System.Numerics;

namespace CrossMargin.Ethereum.Primitives;

/// <summary>
/// Unsigned 256-bit integer with Solidity (&gt;= 0.8) semantics: <c>+ - *</c> and conversions throw
/// <see cref="OverflowException"/> instead of wrapping, whatever the C# checked/unchecked context, so
/// the risk engine can never silently wrap. Use the <c>Wrapping*</c> methods for <c>unchecked {}</c> maths.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(UInt256QuantityJsonConverter))]
public readonly partial struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>, IComparable
{
    // Little-endian limbs: U0 holds the least significant 64 bits.
    internal readonly ulong U0, U1, U2, U3;

    /// <summary>Builds a value from 64-bit limbs, least significant first.</summary>
    public UInt256(ulong u0, ulong u1 = 0, ulong u2 = 0, ulong u3 = 0)
    {
        U0 = u0;
        U1 = u1;
        U2 = u2;
        U3 = u3;
    }

    public static UInt256 Zero => default;
    public static UInt256 One => new(1);
    public static UInt256 MaxValue => new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    public bool IsZero => (U0 | U1 | U2 | U3) == 0;
    internal bool FitsUInt64 => (U1 | U2 | U3) == 0;

    // ---- equality / ordering ----

    public bool Equals(UInt256 other) => U0 == other.U0 && U1 == other.U1 && U2 == other.U2 && U3 == other.U3;
    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(U0, U1, U2, U3);

    public int CompareTo(UInt256 other)
    {
        if (U3 != other.U3) return U3 < other.U3 ? -1 : 1;
        if (U2 != other.U2) return U2 < other.U2 ? -1 : 1;
        if (U1 != other.U1) return U1 < other.U1 ? -1 : 1;
        if (U0 != other.U0) return U0 < other.U0 ? -1 : 1;
        return 0;
    }

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        UInt256 other => CompareTo(other),
        _ => throw new ArgumentException("object is not a UInt256", nameof(obj)),
    };

    public static bool operator ==(UInt256 a, UInt256 b) => a.Equals(b);
    public static bool operator !=(UInt256 a, UInt256 b) => !a.Equals(b);
    public static bool operator <(UInt256 a, UInt256 b) => a.CompareTo(b) < 0;
    public static bool operator >(UInt256 a, UInt256 b) => a.CompareTo(b) > 0;
    public static bool operator <=(UInt256 a, UInt256 b) => a.CompareTo(b) <= 0;
    public static bool operator >=(UInt256 a, UInt256 b) => a.CompareTo(b) >= 0;

    public static UInt256 Min(UInt256 a, UInt256 b) => a <= b ? a : b;
    public static UInt256 Max(UInt256 a, UInt256 b) => a >= b ? a : b;

    // ---- conversions ----

    public static implicit operator UInt256(ulong value) => new(value);
    public static implicit operator UInt256(uint value) => new(value);

    public static explicit operator ulong(UInt256 value) =>
        value.FitsUInt64 ? value.U0 : throw new OverflowException("UInt256 value does not fit in UInt64");

    public bool TryToUInt64(out ulong value)
    {
        value = U0;
        return FitsUInt64;
    }

    public static implicit operator BigInteger(UInt256 value)
    {
        Span<byte> buf = stackalloc byte[32];
        value.WriteBigEndian(buf);
        return new BigInteger(buf, isUnsigned: true, isBigEndian: true);
    }

    public static explicit operator UInt256(BigInteger value)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
            throw new OverflowException("BigInteger value is outside the UInt256 range");
        Span<byte> buf = stackalloc byte[32];
        buf.Clear();
        int count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(buf[(32 - count)..], out _, isUnsigned: true, isBigEndian: true);
        return FromBigEndian(buf);
    }

    // ---- big-endian bytes ----

    /// <summary>Reads up to 32 big-endian bytes (shorter input is left-padded with zeros).</summary>
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 32)
            throw new ArgumentException($"UInt256 needs at most 32 bytes, got {bytes.Length}", nameof(bytes));
        if (bytes.Length < 32)
        {
            Span<byte> buf = stackalloc byte[32];
            buf.Clear();
            bytes.CopyTo(buf[(32 - bytes.Length)..]);
            return Read32(buf);
        }
        return Read32(bytes);
    }

    private static UInt256 Read32(ReadOnlySpan<byte> bytes)
    {
        return new UInt256(
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    /// <summary>Writes exactly 32 big-endian bytes.</summary>
    public void WriteBigEndian(Span<byte> destination)
    {
        if (destination.Length < 32)
            throw new ArgumentException("destination needs 32 bytes", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, U3);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], U2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], U1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], U0);
    }

    public byte[] ToBigEndian()
    {
        var result = new byte[32];
        WriteBigEndian(result);
        return result;
    }

    /// <summary>Minimal big-endian bytes without leading zeros; zero is the empty array (RLP integer form).</summary>
    public byte[] ToBigEndianTrimmed()
    {
        Span<byte> buf = stackalloc byte[32];
        WriteBigEndian(buf);
        return buf[(32 - ByteLength)..].ToArray();
    }

    /// <summary>Number of significant bytes (0 for zero).</summary>
    public int ByteLength => (BitLength + 7) / 8;

    /// <summary>Number of significant bits (0 for zero).</summary>
    public int BitLength => 256 - LeadingZeroCount;

    public int LeadingZeroCount =>
        U3 != 0 ? BitOperations.LeadingZeroCount(U3)
        : U2 != 0 ? 64 + BitOperations.LeadingZeroCount(U2)
        : U1 != 0 ? 128 + BitOperations.LeadingZeroCount(U1)
        : 192 + BitOperations.LeadingZeroCount(U0);
}
