using System.Numerics;

namespace CrossMargin.Ethereum.Primitives;

/// <summary>
/// Signed 256-bit two's-complement integer with Solidity (&gt;= 0.8) <c>int256</c> semantics: checked
/// <c>+ - *</c>, division truncating toward zero, <c>%</c> taking the dividend's sign, <c>MinValue / -1</c>
/// and <c>-MinValue</c> throwing <see cref="OverflowException"/>, and arithmetic <c>&gt;&gt;</c>.
/// </summary>
public readonly partial struct Int256 : IEquatable<Int256>, IComparable<Int256>, IComparable
{
    private readonly UInt256 _bits;

    private Int256(UInt256 bits) => _bits = bits;

    /// <summary>Reinterprets 256 bits as two's complement (no range check).</summary>
    public static Int256 FromBits(UInt256 bits) => new(bits);

    /// <summary>The raw two's-complement bits.</summary>
    public UInt256 ToBits() => _bits;

    public static Int256 Zero => default;
    public static Int256 One => new(UInt256.One);
    public static Int256 MinusOne => new(UInt256.MaxValue);
    public static Int256 MaxValue => new(UInt256.MaxValue >> 1);
    public static Int256 MinValue => new(UInt256.One << 255);

    public bool IsNegative => (_bits.U3 >> 63) != 0;
    public bool IsZero => _bits.IsZero;
    public int Sign => IsNegative ? -1 : IsZero ? 0 : 1;

    /// <summary>|x| as UInt256; exact even for <see cref="MinValue"/> (2^255).</summary>
    public UInt256 UnsignedAbs => IsNegative ? UInt256.WrappingSub(UInt256.Zero, _bits) : _bits;

    public bool Equals(Int256 other) => _bits == other._bits;
    public override bool Equals(object? obj) => obj is Int256 other && Equals(other);
    public override int GetHashCode() => _bits.GetHashCode();

    // Flipping the sign bit maps two's-complement order onto unsigned order.
    public int CompareTo(Int256 other) => (_bits ^ MinValue._bits).CompareTo(other._bits ^ MinValue._bits);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Int256 other => CompareTo(other),
        _ => throw new ArgumentException("object is not an Int256", nameof(obj)),
    };

    public static bool operator ==(Int256 a, Int256 b) => a.Equals(b);
    public static bool operator !=(Int256 a, Int256 b) => !a.Equals(b);
    public static bool operator <(Int256 a, Int256 b) => a.CompareTo(b) < 0;
    public static bool operator >(Int256 a, Int256 b) => a.CompareTo(b) > 0;
    public static bool operator <=(Int256 a, Int256 b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Int256 a, Int256 b) => a.CompareTo(b) >= 0;

    public static Int256 Min(Int256 a, Int256 b) => a <= b ? a : b;
    public static Int256 Max(Int256 a, Int256 b) => a >= b ? a : b;

    // ---- conversions ----

    public static implicit operator Int256(long value) =>
        new(value < 0 ? ~new UInt256((ulong)~value) : new UInt256((ulong)value));

    public static explicit operator long(Int256 value)
    {
        if (value < (Int256)long.MinValue || value > (Int256)long.MaxValue)
            throw new OverflowException("Int256 value does not fit in Int64");
        return (long)value._bits.U0;
    }

    public static explicit operator Int256(UInt256 value) =>
        (value.U3 >> 63) == 0 ? new Int256(value) : throw new OverflowException("UInt256 value exceeds Int256.MaxValue");

    public static explicit operator UInt256(Int256 value) =>
        !value.IsNegative ? value._bits : throw new OverflowException("negative Int256 cannot convert to UInt256");

    public static implicit operator BigInteger(Int256 value)
    {
        Span<byte> buf = stackalloc byte[32];
        value._bits.WriteBigEndian(buf);
        return new BigInteger(buf, isUnsigned: false, isBigEndian: true);
    }

    public static explicit operator Int256(BigInteger value)
    {
        if (value.GetByteCount(isUnsigned: false) > 32)
            throw new OverflowException("BigInteger value is outside the Int256 range");
        Span<byte> buf = stackalloc byte[32];
        buf.Fill(value.Sign < 0 ? (byte)0xff : (byte)0);
        int count = value.GetByteCount(isUnsigned: false);
        value.TryWriteBytes(buf[(32 - count)..], out _, isUnsigned: false, isBigEndian: true);
        return new Int256(UInt256.FromBigEndian(buf));
    }

    // ---- 32-byte two's-complement big-endian (ABI int256) ----

    public static Int256 FromBigEndian(ReadOnlySpan<byte> bytes32)
    {
        if (bytes32.Length != 32)
            throw new ArgumentException($"Int256 needs exactly 32 bytes, got {bytes32.Length}", nameof(bytes32));
        return new Int256(UInt256.FromBigEndian(bytes32));
    }

    public void WriteBigEndian(Span<byte> destination) => _bits.WriteBigEndian(destination);

    public byte[] ToBigEndian() => _bits.ToBigEndian();
}
