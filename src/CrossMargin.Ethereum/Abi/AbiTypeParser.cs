using System.Globalization;

namespace CrossMargin.Ethereum.Abi;

/// <summary>Recursive-descent parser for canonical ABI type strings; no whitespace is accepted.</summary>
internal static class AbiTypeParser
{
    // Bounds recursion so hostile type strings cannot overflow the stack.
    private const int MaxDepth = 64;

    public static AbiType Parse(string text)
    {
        var pos = 0;
        var type = ParseType(text, ref pos, 0);
        if (pos != text.Length)
            throw Error(text, pos, "unexpected trailing characters");
        return type;
    }

    private static AbiType ParseType(string text, ref int pos, int depth)
    {
        if (depth > MaxDepth)
            throw Error(text, pos, "type nesting too deep");
        var type = ParseBase(text, ref pos, depth);
        while (pos < text.Length && text[pos] == '[')
        {
            pos++;
            var start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
                pos++;
            if (pos >= text.Length || text[pos] != ']')
                throw Error(text, pos, "expected ']'");
            if (start == pos)
            {
                type = AbiType.DynamicArray(type);
            }
            else
            {
                var digits = text.AsSpan(start, pos - start);
                if ((digits.Length > 1 && digits[0] == '0') || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                    throw Error(text, start, "bad array length");
                type = AbiType.FixedArray(type, length);
            }
            pos++;
        }
        return type;
    }

    private static AbiType ParseBase(string text, ref int pos, int depth)
    {
        // "tuple(...)" is accepted as a spelling of "(...)" since some tools emit it.
        if (string.CompareOrdinal(text, pos, "tuple(", 0, 6) == 0)
            pos += 5;
        if (pos < text.Length && text[pos] == '(')
            return ParseTuple(text, ref pos, depth);

        var start = pos;
        while (pos < text.Length && char.IsAsciiLetterLower(text[pos]))
            pos++;
        var name = text[start..pos];
        var digitsStart = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            pos++;
        var digits = text.AsSpan(digitsStart, pos - digitsStart);
        if (digits.Length == 0)
        {
            return name switch
            {
                "uint" => AbiType.UInt256,
                "int" => AbiType.Int256,
                "address" => AbiType.Address,
                "bool" => AbiType.Bool,
                "bytes" => AbiType.Bytes,
                "string" => AbiType.String,
                _ => throw Error(text, start, $"unknown type '{name}'"),
            };
        }
        if (digits[0] == '0' || digits.Length > 3)
            throw Error(text, digitsStart, "bad size suffix");
        var size = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return name switch
        {
            "uint" => AbiType.UInt(size),
            "int" => AbiType.Int(size),
            "bytes" => AbiType.FixedBytes(size),
            _ => throw Error(text, start, $"unknown type '{name}{digits}'"),
        };
    }

    private static AbiType ParseTuple(string text, ref int pos, int depth)
    {
        pos++; // '('
        var components = new List<AbiType>();
        if (pos < text.Length && text[pos] == ')')
        {
            pos++;
            return AbiType.Tuple(components);
        }
        while (true)
        {
            components.Add(ParseType(text, ref pos, depth + 1));
            if (pos >= text.Length)
                throw Error(text, pos, "unterminated tuple");
            var c = text[pos++];
            if (c == ')')
                return AbiType.Tuple(components);
            if (c != ',')
                throw Error(text, pos - 1, "expected ',' or ')'");
        }
    }

    private static AbiException Error(string text, int pos, string what) => new($"invalid ABI type '{text}' at {pos}: {what}");
}
