using System.Collections;
using System.Text.RegularExpressions;
using CrossMargin.Ethereum.Primitives;
using Nethereum.ABI.EIP712;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>
/// EIP-712 typed structured data (eth_signTypedData_v4) through Nethereum.Signer.EIP712: the encoding, type hashing and
/// domain separator are Nethereum's; signing and recovery use our key and signature types, so an EIP-712 signature is
/// made and checked like every other one here. Input is the v4 JSON: <c>types</c> (with <c>EIP712Domain</c>),
/// <c>primaryType</c>, <c>domain</c>, <c>message</c>.
/// </summary>
public static partial class TypedData
{
    /// <summary>The parts of the digest: domain separator, hashStruct(message), and keccak256(0x1901 ‖ both).</summary>
    public readonly record struct Hashes(Hash32 DomainSeparator, Hash32 MessageHash, Hash32 Digest);

    public static Hashes HashParts(string typedDataJson)
    {
        var result = Eip712TypedDataEncoder.Current.CalculateTypedDataHashes(Parse(typedDataJson));
        return new Hashes(new Hash32(result.DomainHash), new Hash32(result.MessageHash), new Hash32(result.TypedDataHash));
    }

    /// <summary>The digest an EIP-712 signature signs.</summary>
    public static Hash32 Hash(string typedDataJson) => HashParts(typedDataJson).Digest;

    public static Signature Sign(string typedDataJson, PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Hash(typedDataJson));
    }

    public static Address RecoverAddress(string typedDataJson, Signature signature) =>
        Secp256k1.RecoverAddress(Hash(typedDataJson), signature);

    private static TypedDataRaw Parse(string typedDataJson)
    {
        ArgumentNullException.ThrowIfNull(typedDataJson);
        var raw = TypedDataRawJsonConversion.DeserialiseJsonToRawTypedData(typedDataJson);
        FixFixedBytesArrays(raw.DomainRawValues);
        FixFixedBytesArrays(raw.Message);
        return raw;
    }

    // Nethereum 6.1's JSON reader turns a bytesN member's hex into byte[], but leaves the elements of bytesN[] / bytesN[k]
    // arrays as strings, which its encoder then rejects ("byte[] value expected"): 5 of the 130 ethers vectors.
    private static void FixFixedBytesArrays(IEnumerable<MemberValue>? members)
    {
        foreach (var member in members ?? [])
        {
            switch (member.Value)
            {
                case MemberValue[] inner:
                    FixFixedBytesArrays(inner);
                    break;
                case IEnumerable<MemberValue[]> structs:
                    foreach (var s in structs)
                        FixFixedBytesArrays(s);
                    break;
                case IList list when FixedBytesArray().IsMatch(member.TypeName):
                    HexLeavesToBytes(list);
                    break;
            }
        }
    }

    private static void HexLeavesToBytes(IList list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is string hex)
                list[i] = Hex.Decode(hex);
            else if (list[i] is IList nested)
                HexLeavesToBytes(nested);
        }
    }

    [GeneratedRegex(@"^bytes\d+(\[\d*\])+$")]
    private static partial Regex FixedBytesArray();
}
