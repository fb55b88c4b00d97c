using System.Buffers.Binary;
using CrossMargin.Ethereum.Crypto;

namespace CrossMargin.Ethereum.Primitives;

/// <summary>A 32-byte hash (transaction hash, storage key, signing digest).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Hash32JsonConverter))]
public readonly struct Hash32 : IEquatable<Hash32>
{
    public const int Size = 32;

    // Big-endian words: _w0 holds bytes 0..7.
    private readonly ulong _w0, _w1, _w2, _w3;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"a hash is {Size} bytes, got {bytes.Length}", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public static Hash32 Zero => default;

    /// <summary>Keccak-256 of <paramref name="data"/>.</summary>
    public static Hash32 Keccak(ReadOnlySpan<byte> data)
    {
        Span<byte> h = stackalloc byte[Size];
        Keccak256.Hash(data, h);
        return new Hash32(h);
    }

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"destination needs {Size} bytes", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    public byte[] ToArray()
    {
        var result = new byte[Size];
        WriteTo(result);
        return result;
    }

    public UInt256 ToUInt256() => new(_w3, _w2, _w1, _w0);

    /// <summary>Parses <c>0x</c> + 64 hex digits (either case).</summary>
    public static Hash32 Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var bytes = Quantity.DecodeData(s);
        if (bytes.Length != Size)
            throw new FormatException($"a hash is {Size} bytes, got {bytes.Length}: '{UInt256.Truncate(s)}'");
        return new Hash32(bytes);
    }

    /// <summary>Lower-case hex with <c>0x</c> prefix.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Hex.Encode(bytes);
    }

    public bool Equals(Hash32 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);
    public static bool operator ==(Hash32 a, Hash32 b) => a.Equals(b);
    public static bool operator !=(Hash32 a, Hash32 b) => !a.Equals(b);
}
