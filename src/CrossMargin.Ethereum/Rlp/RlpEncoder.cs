namespace CrossMargin.Ethereum.Rlp;

/// <summary>Canonical RLP encoding (Ethereum Yellow Paper, appendix B).</summary>
public static class RlpEncoder
{
    /// <summary>Encodes an item tree into a single exactly-sized array.</summary>
    public static byte[] Encode(RlpItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var output = new byte[item.EncodedLength];
        int written = Write(item, output);
        System.Diagnostics.Debug.Assert(written == output.Length);
        return output;
    }

    /// <summary>Encodes a byte string on its own.</summary>
    public static byte[] EncodeString(ReadOnlySpan<byte> bytes) => Encode(RlpItem.String(bytes));

    internal static int HeaderLength(int payloadLength) => payloadLength < 56 ? 1 : 1 + ByteCount((ulong)payloadLength);

    private static int Write(RlpItem item, Span<byte> dst)
    {
        if (item.RawBytes is { } bytes)
        {
            if (bytes.Length == 1 && bytes[0] < 0x80)
            {
                dst[0] = bytes[0];
                return 1;
            }
            int h = WriteHeader(0x80, bytes.Length, dst);
            bytes.CopyTo(dst[h..]);
            return h + bytes.Length;
        }

        int pos = WriteHeader(0xc0, item.PayloadLength, dst);
        foreach (var child in item.RawItems!)
            pos += Write(child, dst[pos..]);
        return pos;
    }

    private static int WriteHeader(byte offset, int length, Span<byte> dst)
    {
        if (length < 56)
        {
            dst[0] = (byte)(offset + length);
            return 1;
        }
        int n = ByteCount((ulong)length);
        dst[0] = (byte)(offset + 55 + n);
        for (int i = 0; i < n; i++)
            dst[n - i] = (byte)(length >> (8 * i));
        return 1 + n;
    }

    private static int ByteCount(ulong v)
    {
        int n = 0;
        while (v != 0)
        {
            n++;
            v >>= 8;
        }
        return n;
    }
}
