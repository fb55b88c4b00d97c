using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CrossMargin.Ethereum.Generators;

/// <summary>
/// Generator-side mirror of the runtime AbiType, built from ABI JSON's type string plus components.
/// It only needs what code emission needs: canonical name, layout and the struct name of tuples.
/// </summary>
internal sealed class SolType
{
    private SolType(SolKind kind, int size, SolType? element, int length, IReadOnlyList<SolParam> components, string? structName)
    {
        Kind = kind;
        Size = size;
        Element = element;
        Length = length;
        Components = components;
        StructName = structName;
        IsDynamic = kind == SolKind.Bytes || kind == SolKind.String || kind == SolKind.DynamicArray
            || (kind == SolKind.FixedArray && element!.IsDynamic)
            || (kind == SolKind.Tuple && components.Any(c => c.Type.IsDynamic));
        HeadSize = IsDynamic ? 32
            : kind == SolKind.FixedArray ? checked(element!.HeadSize * length)
            : kind == SolKind.Tuple ? components.Sum(c => c.Type.HeadSize)
            : 32;
        Canonical = kind switch
        {
            SolKind.UInt => "uint" + size,
            SolKind.Int => "int" + size,
            SolKind.Address => "address",
            SolKind.Bool => "bool",
            SolKind.FixedBytes => "bytes" + size,
            SolKind.Bytes => "bytes",
            SolKind.String => "string",
            SolKind.FixedArray => element!.Canonical + "[" + length + "]",
            SolKind.DynamicArray => element!.Canonical + "[]",
            _ => "(" + string.Join(",", components.Select(c => c.Type.Canonical)) + ")",
        };
    }

    public SolKind Kind { get; }

    public int Size { get; }

    public SolType? Element { get; }

    public int Length { get; }

    public IReadOnlyList<SolParam> Components { get; }

    /// <summary>For tuples: the Solidity struct name from internalType, when known.</summary>
    public string? StructName { get; }

    public bool IsDynamic { get; }

    public int HeadSize { get; }

    public string Canonical { get; }

    public bool IsWord => Kind == SolKind.UInt || Kind == SolKind.Int || Kind == SolKind.Address || Kind == SolKind.Bool || Kind == SolKind.FixedBytes;

    /// <summary>Builds a type from an ABI JSON "type" string such as "tuple[2][]" or "uint256[]".</summary>
    public static SolType Parse(string text, IReadOnlyList<SolParam> components, string? internalType)
    {
        var bracket = text.IndexOf('[');
        var baseName = bracket < 0 ? text : text.Substring(0, bracket);
        var type = baseName == "tuple"
            ? new SolType(SolKind.Tuple, 0, null, 0, components, StructNameOf(internalType))
            : Elementary(baseName, text);
        var pos = bracket < 0 ? text.Length : bracket;
        while (pos < text.Length)
        {
            var close = text.IndexOf(']', pos);
            if (text[pos] != '[' || close < 0)
                throw new FormatException("bad array suffix in type '" + text + "'");
            var digits = text.Substring(pos + 1, close - pos - 1);
            if (digits.Length == 0)
            {
                type = new SolType(SolKind.DynamicArray, 0, type, 0, Array.Empty<SolParam>(), null);
            }
            else
            {
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 1 || digits[0] == '0')
                    throw new FormatException("bad array length in type '" + text + "'");
                type = new SolType(SolKind.FixedArray, 0, type, length, Array.Empty<SolParam>(), null);
            }
            pos = close + 1;
        }
        return type;
    }

    private static SolType Elementary(string name, string full)
    {
        switch (name)
        {
            case "uint": return new SolType(SolKind.UInt, 256, null, 0, Array.Empty<SolParam>(), null);
            case "int": return new SolType(SolKind.Int, 256, null, 0, Array.Empty<SolParam>(), null);
            case "address": return new SolType(SolKind.Address, 0, null, 0, Array.Empty<SolParam>(), null);
            case "bool": return new SolType(SolKind.Bool, 0, null, 0, Array.Empty<SolParam>(), null);
            case "bytes": return new SolType(SolKind.Bytes, 0, null, 0, Array.Empty<SolParam>(), null);
            case "string": return new SolType(SolKind.String, 0, null, 0, Array.Empty<SolParam>(), null);
        }
        foreach (var (prefix, kind, min, max, step) in new[] { ("uint", SolKind.UInt, 8, 256, 8), ("int", SolKind.Int, 8, 256, 8), ("bytes", SolKind.FixedBytes, 1, 32, 1) })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(name.Substring(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n >= min && n <= max && n % step == 0 && name[prefix.Length] != '0')
                return new SolType(kind, n, null, 0, Array.Empty<SolParam>(), null);
        }
        throw new FormatException("unsupported ABI type '" + full + "'");
    }

    // "struct MarginEngine.Order[]" → "Order"; anything else → null (caller picks a fallback name).
    private static string? StructNameOf(string? internalType)
    {
        if (internalType == null || !internalType.StartsWith("struct ", StringComparison.Ordinal))
            return null;
        var name = internalType.Substring(7);
        var bracket = name.IndexOf('[');
        if (bracket >= 0)
            name = name.Substring(0, bracket);
        var dot = name.LastIndexOf('.');
        return dot >= 0 ? name.Substring(dot + 1) : name;
    }
}
