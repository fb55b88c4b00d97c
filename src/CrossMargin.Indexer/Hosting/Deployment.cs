using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Hosting;

/// <summary>
/// The addresses `./crossmargin up` writes to .data/deployment.json: {"engine": "0x…", "ethFeed": "0x…", …}.
/// The engine is indexed; every key ending in "Feed" is a price feed whose AnswerUpdated events are indexed.
/// </summary>
public sealed record Deployment(Address Engine, IReadOnlyList<Address> Feeds)
{
    public static Deployment Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var engine = Address.Parse(root.GetProperty("engine").GetString() ?? throw new FormatException("deployment: engine is null"));
        var feeds = root.EnumerateObject()
            .Where(p => p.Name.EndsWith("Feed", StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.String)
            .Select(p => Address.Parse(p.Value.GetString()!))
            .ToList();
        return new Deployment(engine, feeds);
    }

    public static Deployment Load(string path) => Parse(File.ReadAllText(path));
}
