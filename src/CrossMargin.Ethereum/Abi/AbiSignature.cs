using System.Buffers.Binary;
using System.Text;
using CrossMargin.Ethereum.Crypto;

namespace CrossMargin.Ethereum.Abi;

/// <summary>Canonical signatures, 4-byte selectors and event topics, so nobody hand-writes them.</summary>
public static class AbiSignature
{
    public static string Format(string name, IEnumerable<AbiParameter> parameters) =>
        name + "(" + string.Join(",", parameters.Select(p => p.Type.CanonicalName)) + ")";

    /// <summary>keccak256 of the ASCII signature (an event's topic0).</summary>
    public static byte[] Hash(string signature) => Keccak256.Hash(Encoding.UTF8.GetBytes(signature));

    /// <summary>First four bytes of the signature hash, big-endian, e.g. 0xa9059cbb for transfer(address,uint256).</summary>
    public static uint Selector(string signature) => BinaryPrimitives.ReadUInt32BigEndian(Hash(signature));

    public static byte[] SelectorBytes(uint selector)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, selector);
        return bytes;
    }

    /// <summary>Reads the selector at the start of call or revert data.</summary>
    public static bool TryReadSelector(ReadOnlySpan<byte> data, out uint selector)
    {
        selector = data.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(data) : 0;
        return data.Length >= 4;
    }

    internal static AbiType[] Types(IReadOnlyList<AbiParameter> parameters) => parameters.Select(p => p.Type).ToArray();
}
