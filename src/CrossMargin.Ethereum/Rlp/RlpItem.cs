using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rlp;

/// <summary>An RLP value: a byte string or a list of items. Immutable; its encoded length is computed once.</summary>
public sealed class RlpItem
{
    private readonly byte[]? _bytes;
    private readonly RlpItem[]? _items;
    private int _payloadLength = -1;

    private RlpItem(byte[]? bytes, RlpItem[]? items)
    {
        _bytes = bytes;
        _items = items;
    }

    public static RlpItem EmptyString { get; } = new([], null);
    public static RlpItem EmptyList { get; } = new(null, []);

    public static RlpItem String(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? EmptyString : new(bytes.ToArray(), null);

    public static RlpItem List(params RlpItem[] items) => items.Length == 0 ? EmptyList : new(null, (RlpItem[])items.Clone());

    public static RlpItem List(IEnumerable<RlpItem> items)
    {
        var array = items.ToArray();
        return array.Length == 0 ? EmptyList : new(null, array);
    }

    /// <summary>Canonical integer: big-endian without leading zeros, zero as the empty string.</summary>
    public static RlpItem UInt(UInt256 value) => value.IsZero ? EmptyString : new(value.ToBigEndianTrimmed(), null);

    public static RlpItem UInt(ulong value) => UInt(new UInt256(value));

    public static RlpItem Address(Address address) => new(address.ToArray(), null);

    public static RlpItem Hash(Hash32 hash) => new(hash.ToArray(), null);

    public bool IsList => _items is not null;

    /// <summary>The byte string; throws for a list.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new RlpException("expected a byte string, found a list");

    /// <summary>The list items; throws for a byte string.</summary>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new RlpException("expected a list, found a byte string");

    /// <summary>Reads a canonical integer (no leading zero byte, at most 32 bytes).</summary>
    public UInt256 AsUInt256()
    {
        var b = Bytes;
        if (b.Length > 32) throw new RlpException($"integer is {b.Length} bytes, more than 32");
        if (b.Length > 0 && b[0] == 0) throw new RlpException("integer has a leading zero byte");
        return UInt256.FromBigEndian(b);
    }

    public ulong AsUInt64()
    {
        var v = AsUInt256();
        return v.TryToUInt64(out var r) ? r : throw new RlpException("integer does not fit in 64 bits");
    }

    public Address AsAddress()
    {
        var b = Bytes;
        return b.Length == Primitives.Address.Size ? new Address(b) : throw new RlpException($"address must be 20 bytes, got {b.Length}");
    }

    public Hash32 AsHash32()
    {
        var b = Bytes;
        return b.Length == Hash32.Size ? new Hash32(b) : throw new RlpException($"hash must be 32 bytes, got {b.Length}");
    }

    internal int PayloadLength
    {
        get
        {
            if (_payloadLength >= 0) return _payloadLength;
            int len;
            if (_bytes is not null)
            {
                len = _bytes.Length;
            }
            else
            {
                long sum = 0;
                foreach (var item in _items!) sum += item.EncodedLength;
                len = checked((int)sum);
            }
            return _payloadLength = len;
        }
    }

    internal int EncodedLength =>
        _bytes is { Length: 1 } b && b[0] < 0x80 ? 1 : checked(RlpEncoder.HeaderLength(PayloadLength) + PayloadLength);

    internal byte[]? RawBytes => _bytes;

    internal RlpItem[]? RawItems => _items;

    public override string ToString() =>
        _bytes is not null ? Hex.Encode(_bytes) : "[" + string.Join(", ", _items!.Select(i => i.ToString())) + "]";
}
