using System.Text.Json;
using System.Text.Json.Nodes;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Tests.Vectors;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace CrossMargin.Ethereum.Tests.Crypto;

/// <summary>EIP-712 through Nethereum.Signer.EIP712 against ethers.js' typed-data.json.gz (130 cases, one signed).</summary>
public sealed class TypedDataVectorTests
{
    public static TheoryData<string> CaseNames() =>
        new(VectorFiles.LoadEthersCases("typed-data.json.gz").Select(c => c.GetProperty("name").GetString()!));

    [Fact]
    public void TypedDataVectors_Contain130CasesOneSigned()
    {
        var cases = VectorFiles.LoadEthersCases("typed-data.json.gz").ToList();
        Assert.Equal(130, cases.Count);
        Assert.Single(cases, c => c.TryGetProperty("signature", out _));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Hash_EthersCase_MatchesDigestAndEncodedStruct(string name)
    {
        var c = Case(name);
        var parts = TypedData.HashParts(V4Json(c));

        Assert.Equal(Hash32.Parse(c.GetProperty("digest").GetString()!), parts.Digest);
        // ethers' "encoded" is encodeData(primaryType, data); hashStruct is its keccak.
        Assert.Equal(Hash32.Keccak(Hex.Decode(c.GetProperty("encoded").GetString()!)), parts.MessageHash);
        Assert.Equal(parts.Digest, TypedData.Hash(V4Json(c)));
    }

    [Fact]
    public void Sign_EthersMailExample_MatchesSignatureAndRecovers()
    {
        var c = VectorFiles.LoadEthersCases("typed-data.json.gz").Single(x => x.TryGetProperty("signature", out _));
        var json = V4Json(c);
        var key = PrivateKey.FromHex(c.GetProperty("privateKey").GetString()!);
        var expected = c.GetProperty("signature").GetString()!;

        var ours = TypedData.Sign(json, key);
        Assert.Equal(expected, ours.ToHex());
        Assert.Equal(key.Address, TypedData.RecoverAddress(json, ours));
        // Nethereum's own signer (RFC 6979 too) gives the same bytes.
        Assert.Equal(expected, Eip712TypedDataSigner.Current.SignTypedDataV4(json, new EthECKey(c.GetProperty("privateKey").GetString()!)));
    }

    [Fact]
    public void RecoverAddress_MessageChanged_GivesAnotherSigner()
    {
        var c = VectorFiles.LoadEthersCases("typed-data.json.gz").Single(x => x.TryGetProperty("signature", out _));
        var signature = Signature.FromBytes(Hex.Decode(c.GetProperty("signature").GetString()!));
        var tampered = JsonNode.Parse(V4Json(c))!;
        tampered["message"]!["contents"] = "Hello, Eve!";
        Assert.NotEqual(PrivateKey.FromHex(c.GetProperty("privateKey").GetString()!).Address, TypedData.RecoverAddress(tampered.ToJsonString(), signature));
    }

    private static JsonElement Case(string name) =>
        VectorFiles.LoadEthersCases("typed-data.json.gz").Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>
    /// The case as eth_signTypedData_v4 JSON. ethers derives the EIP712Domain type from the domain's keys; v4 JSON
    /// states it, in EIP-712's field order.
    /// </summary>
    private static string V4Json(JsonElement c)
    {
        var domain = c.GetProperty("domain");
        var domainType = new JsonArray();
        foreach (var (field, type) in new[] { ("name", "string"), ("version", "string"), ("chainId", "uint256"), ("verifyingContract", "address"), ("salt", "bytes32") })
            if (domain.TryGetProperty(field, out _))
                domainType.Add(new JsonObject { ["name"] = field, ["type"] = type });
        var types = JsonNode.Parse(c.GetProperty("types").GetRawText())!.AsObject();
        types["EIP712Domain"] = domainType;
        return new JsonObject
        {
            ["types"] = types,
            ["primaryType"] = c.GetProperty("primaryType").GetString(),
            ["domain"] = JsonNode.Parse(domain.GetRawText()),
            ["message"] = JsonNode.Parse(c.GetProperty("data").GetRawText()),
        }.ToJsonString();
    }
}
