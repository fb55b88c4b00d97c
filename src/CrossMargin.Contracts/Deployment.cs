using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Contracts;

/// <summary>
/// deployment.json, the one parser: {"engine": "0x…", "vault": "0x…", "usdc": "0x…", …, "ethFeed": "0x…"} with the keys
/// contracts/script/Deploy.s.sol and <see cref="DevnetContracts.DeploymentJson"/> write. Only "engine" is required;
/// every key ending in "Feed" is a price feed (the indexer follows their AnswerUpdated logs).
/// </summary>
public sealed record Deployment(IReadOnlyDictionary<string, Address> Addresses)
{
    public Address Engine => Addresses["engine"];
    public Address Vault => Get("vault");
    public Address Usdc => Get("usdc");
    public Address Weth => Get("weth");
    public Address Wbtc => Get("wbtc");
    public Address EthFeed => Get("ethFeed");
    public Address BtcFeed => Get("btcFeed");
    public Address SolFeed => Get("solFeed");

    /// <summary>Every "…Feed" address, in file order.</summary>
    public IReadOnlyList<Address> Feeds => [.. Addresses.Where(a => a.Key.EndsWith("Feed", StringComparison.Ordinal)).Select(a => a.Value)];

    /// <summary>Parses deployment.json's text; every problem is a <see cref="FormatException"/> naming <paramref name="source"/>.</summary>
    public static Deployment Parse(string json, string source = "deployment")
    {
        Dictionary<string, Address> addresses;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{source} is not a JSON object of addresses");
            addresses = doc.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToDictionary(p => p.Name, p => Address.Parse(p.Value.GetString()!), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not valid JSON: {e.Message}", e);
        }
        return addresses.ContainsKey("engine") ? new Deployment(addresses) : throw new FormatException($"{source} names no engine");
    }

    /// <summary>Reads <paramref name="path"/>: <see cref="FileNotFoundException"/> when missing, else as <see cref="Parse"/>.</summary>
    public static Deployment Load(string path) =>
        File.Exists(path)
            ? Parse(File.ReadAllText(path), path)
            : throw new FileNotFoundException($"deployment file {path} does not exist", path);

    /// <summary>The file's text (what <see cref="Parse"/> reads back).</summary>
    public string ToJson() => JsonSerializer.Serialize(Addresses.ToDictionary(a => a.Key, a => a.Value.ToString()));

    private Address Get(string key) =>
        Addresses.TryGetValue(key, out var address) ? address : throw new KeyNotFoundException($"the deployment names no {key}");
}
