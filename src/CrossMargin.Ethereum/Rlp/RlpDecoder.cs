namespace CrossMargin.Ethereum.Rlp;

/// <summary>
/// Strict RLP decoder: accepts only the canonical encoding, so two different byte strings can never decode to the
/// same value (which would break hashes and signatures). Rejects single bytes &lt; 0x80 wrapped as strings, long
/// forms where the short form fits, length prefixes with leading zeros, truncated input and trailing bytes.
/// </summary>
public static class RlpDecoder
{
    /// <summary>Deep enough for any Ethereum structure, shallow enough to keep hostile input off the stack limit.</summary>
    public const int MaxDepth = 64;

    public static RlpItem Decode(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty) throw new RlpException("input is empty", 0);
        int pos = 0;
        var item = ReadItem(input, ref pos, input.Length, 0);
        if (pos != input.Length)
            throw new RlpException($"{input.Length - pos} trailing byte(s) after the top-level item", pos);
        return item;
    }

    private static RlpItem ReadItem(ReadOnlySpan<byte> input, ref int pos, int end, int depth)
    {
        if (pos >= end) throw new RlpException("truncated: expected an item", pos);
        int start = pos;
        byte prefix = input[pos++];

        if (prefix < 0x80)
            return RlpItem.String(input.Slice(start, 1));

        if (prefix < 0xc0)
        {
            int length = ReadLength(input, ref pos, end, prefix, 0x80);
            if (length == 1 && input[pos] < 0x80)
                throw new RlpException($"single byte 0x{input[pos]:x2} must be encoded as itself, not as a 1-byte string", start);
            var bytes = input.Slice(pos, length);
            pos += length;
            return RlpItem.String(bytes);
        }

        if (depth >= MaxDepth) throw new RlpException($"lists nested deeper than {MaxDepth}", start);
        int payload = ReadLength(input, ref pos, end, prefix, 0xc0);
        int listEnd = pos + payload;
        var items = new List<RlpItem>();
        while (pos < listEnd)
            items.Add(ReadItem(input, ref pos, listEnd, depth + 1));
        return RlpItem.List(items);
    }

    /// <summary>Reads the payload length of a string (offset 0x80) or list (offset 0xc0) and checks it fits.</summary>
    private static int ReadLength(ReadOnlySpan<byte> input, ref int pos, int end, byte prefix, byte offset)
    {
        int start = pos - 1;
        int shortMax = offset + 55;
        long length;
        if (prefix <= shortMax)
        {
            length = prefix - offset;
        }
        else
        {
            int lenOfLen = prefix - shortMax;
            if (pos + lenOfLen > end) throw new RlpException("truncated length prefix", start);
            if (input[pos] == 0) throw new RlpException("length prefix has a leading zero byte", start);
            if (lenOfLen > 4) throw new RlpException($"length prefix of {lenOfLen} bytes is too large", start);
            length = 0;
            for (int i = 0; i < lenOfLen; i++) length = (length << 8) | input[pos + i];
            pos += lenOfLen;
            if (length < 56) throw new RlpException($"long-form length {length} where the short form is required", start);
        }
        if (length > end - pos)
            throw new RlpException($"truncated: needs {length} payload byte(s), only {end - pos} available", start);
        return (int)length;
    }
}
