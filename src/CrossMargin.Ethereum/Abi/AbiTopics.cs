using System.Collections;
using CrossMargin.Ethereum.Crypto;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// Encoding of indexed event parameters. Word types are stored as their ABI word; dynamic types are
/// replaced by a keccak hash of Solidity's "in-place" encoding (no length prefixes, every element
/// padded to 32 bytes; top-level bytes/string are hashed raw).
/// </summary>
public static class AbiTopics
{
    public static byte[] Encode(AbiType type, object? value)
    {
        ArgumentNullException.ThrowIfNull(type);
        switch (type.Kind)
        {
            case AbiTypeKind.Bytes:
                return Keccak256.Hash(AbiValues.ToBytes(value));
            case AbiTypeKind.String:
                return Keccak256.Hash(AbiEncoder.EncodeUtf8(AbiValues.ToText(value)));
            case AbiTypeKind.FixedArray or AbiTypeKind.DynamicArray or AbiTypeKind.Tuple:
                using (var stream = new MemoryStream())
                {
                    WriteInPlace(type, value, stream);
                    return Keccak256.Hash(stream.ToArray());
                }
            default:
                var word = new byte[AbiWord.Size];
                AbiEncoder.Write(type, value, word);
                return word;
        }
    }

    /// <summary>Decodes a topic: word types to their value, dynamic types to the 32-byte hash itself.</summary>
    public static object Decode(AbiType type, ReadOnlySpan<byte> topic)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (topic.Length != AbiWord.Size)
            throw new AbiException($"topic must be 32 bytes, got {topic.Length}");
        return type.IsWord ? AbiDecoder.Decode(type, topic) : topic.ToArray();
    }

    private static void WriteInPlace(AbiType type, object? value, Stream output)
    {
        switch (type.Kind)
        {
            case AbiTypeKind.Bytes or AbiTypeKind.String:
            {
                var bytes = type.Kind == AbiTypeKind.Bytes ? AbiValues.ToBytes(value).ToArray() : AbiEncoder.EncodeUtf8(AbiValues.ToText(value));
                output.Write(bytes);
                output.Write(new byte[AbiEncoder.PadTo32(bytes.Length) - bytes.Length]);
                return;
            }
            case AbiTypeKind.FixedArray or AbiTypeKind.DynamicArray:
            {
                IList list = AbiValues.ToList(value, type);
                foreach (var item in list)
                    WriteInPlace(type.ElementType!, item, output);
                return;
            }
            case AbiTypeKind.Tuple:
            {
                IList list = AbiValues.ToList(value, type);
                for (var i = 0; i < list.Count; i++)
                    WriteInPlace(type.Components[i], list[i], output);
                return;
            }
            default:
                var word = new byte[AbiWord.Size];
                AbiEncoder.Write(type, value, word);
                output.Write(word);
                return;
        }
    }
}
