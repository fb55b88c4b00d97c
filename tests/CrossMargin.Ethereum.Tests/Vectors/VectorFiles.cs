using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;

namespace CrossMargin.Ethereum.Tests.Vectors;

/// <summary>
/// Finds and loads the outside reference vectors (ethers.js test cases) kept in the repository under
/// <c>tests/vectors/ethers</c> (licence note in <c>tests/vectors/README.md</c>). Lookup: env var CROSSMARGIN_VECTORS
/// (either a <c>vectors</c> folder or its <c>ethers</c> child), else <c>tests/vectors/ethers</c> under the repository root
/// (<c>Toolchain.Root</c>, the one locator).
/// A missing folder throws, so every vector test fails loudly instead of passing on nothing.
/// </summary>
internal static class VectorFiles
{
    public const string EnvironmentVariable = "CROSSMARGIN_VECTORS";

    private static readonly Lazy<string> EthersDir = new(FindEthersDirectory);
    private static readonly ConcurrentDictionary<string, JsonDocument> Cache = new();

    public static string EthersDirectory => EthersDir.Value;

    /// <summary>Full path of an ethers vector file, e.g. <c>abi.json.gz</c>; throws if it is missing.</summary>
    public static string EthersPath(string fileName)
    {
        var path = Path.Combine(EthersDirectory, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"reference vector file '{fileName}' is missing from {EthersDirectory}", path);
        return path;
    }

    /// <summary>Gunzips and parses an ethers vector file; the root is a JSON array of cases. Cached per file.</summary>
    public static JsonElement LoadEthers(string fileName) =>
        Cache.GetOrAdd(fileName, static name =>
        {
            using var file = File.OpenRead(EthersPath(name));
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return JsonDocument.Parse(gzip);
        }).RootElement;

    /// <summary>The cases of an ethers vector file as a list, asserting the file is a non-empty array.</summary>
    public static IReadOnlyList<JsonElement> LoadEthersCases(string fileName)
    {
        var root = LoadEthers(fileName);
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
            throw new InvalidDataException($"{fileName}: expected a non-empty JSON array of cases");
        return root.EnumerateArray().ToList();
    }

    /// <summary>0..n-1 for the n cases of an ethers vector file, as xunit theory data (one theory row per case).</summary>
    public static TheoryData<int> CaseIndices(string fileName)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < LoadEthers(fileName).GetArrayLength(); i++)
            data.Add(i);
        return data;
    }

    private static string FindEthersDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            var candidates = new[] { Path.Combine(fromEnv, "ethers"), fromEnv };
            return candidates.FirstOrDefault(Directory.Exists)
                ?? throw new DirectoryNotFoundException($"{EnvironmentVariable}='{fromEnv}' does not exist (expected a vectors folder or its ethers child)");
        }

        var inRepository = Toolchain.PathOf("tests/vectors/ethers");
        return Directory.Exists(inRepository)
            ? inRepository
            : throw new DirectoryNotFoundException(
                $"reference vectors not found: set {EnvironmentVariable} or restore tests/vectors/ethers in the repository ({inRepository})");
    }
}
