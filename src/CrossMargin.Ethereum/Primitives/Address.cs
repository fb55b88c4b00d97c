using System.Buffers.Binary;
using CrossMargin.Ethereum.Crypto;

namespace CrossMargin.Ethereum.Primitives;

/// <summary>A 20-byte Ethereum account address. <see cref="ToString"/> gives the EIP-55 checksummed form.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(AddressJsonConverter))]
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;

    // Big-endian packing keeps equality and ordering as cheap as comparing three integers.
    private readonly ulong _hi;
    private readonly ulong _mid;
    private readonly uint _lo;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"an address is {Size} bytes, got {bytes.Length}", nameof(bytes));
        _hi = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _mid = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _lo = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public static Address Zero => default;

    public bool IsZero => (_hi | _mid | _lo) == 0;

    public void WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"destination needs {Size} bytes", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _hi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _mid);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _lo);
    }

    public byte[] ToArray()
    {
        var result = new byte[Size];
        WriteTo(result);
        return result;
    }

    /// <summary>
    /// Parses <c>0x</c> + 40 hex digits. All-lower or all-upper case is accepted as is; mixed case must be a valid
    /// EIP-55 checksum, because a mixed-case typo is exactly what the checksum exists to catch.
    /// </summary>
    public static Address Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var address, out var error) ? address : throw new FormatException(error);
    }

    public static bool TryParse(string? s, out Address address) => TryParse(s, out address, out _);

    private static bool TryParse(string? s, out Address address, out string error)
    {
        address = default;
        if (s is null || s.Length != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
        {
            error = $"an address is '0x' followed by 40 hex digits: '{(s is null ? "null" : UInt256.Truncate(s))}'";
            return false;
        }
        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(s.AsSpan(2), bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != Size)
        {
            error = $"address has non-hex characters: '{s}'";
            return false;
        }
        address = new Address(bytes);
        var digits = s.AsSpan(2);
        bool hasLower = digits.ContainsAny("abcdef"), hasUpper = digits.ContainsAny("ABCDEF");
        if (hasLower && hasUpper && !digits.SequenceEqual(address.ToString().AsSpan(2)))
        {
            error = $"address has an invalid EIP-55 checksum: '{s}' (expected {address})";
            address = default;
            return false;
        }
        error = "";
        return true;
    }

    /// <summary>EIP-55 mixed-case checksummed hex.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        Span<char> chars = stackalloc char[2 + 2 * Size];
        chars[0] = '0';
        chars[1] = 'x';
        var digits = chars[2..];
        Convert.TryToHexStringLower(bytes, digits, out _);
        Span<byte> ascii = stackalloc byte[2 * Size];
        for (int i = 0; i < ascii.Length; i++) ascii[i] = (byte)digits[i];
        Span<byte> hash = stackalloc byte[Keccak256.Size];
        Keccak256.Hash(ascii, hash);
        for (int i = 0; i < digits.Length; i++)
        {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            if (digits[i] >= 'a' && nibble >= 8) digits[i] = (char)(digits[i] - 32);
        }
        return new string(chars);
    }

    /// <summary>Lower-case hex with <c>0x</c> prefix (JSON-RPC DATA form).</summary>
    public string ToLowerHex()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Hex.Encode(bytes);
    }

    public bool Equals(Address other) => _hi == other._hi && _mid == other._mid && _lo == other._lo;
    public override bool Equals(object? obj) => obj is Address other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_hi, _mid, _lo);

    public int CompareTo(Address other)
    {
        int c = _hi.CompareTo(other._hi);
        if (c != 0) return c;
        c = _mid.CompareTo(other._mid);
        return c != 0 ? c : _lo.CompareTo(other._lo);
    }

    public static bool operator ==(Address a, Address b) => a.Equals(b);
    public static bool operator !=(Address a, Address b) => !a.Equals(b);
}
