using System.IO.Compression;
using System.Text.Json;

namespace CrossMargin.Ethereum.Tests.Vectors;

/// <summary>
/// Locates the shared ethers reference vectors and reads them in place (they are never copied into
/// the repo). CROSSMARGIN_VECTORS wins; otherwise we walk up from the test binaries looking for
/// shared/vectors/ethers, which sits beside the repo checkout.
/// </summary>
internal static class VectorFiles
{
    private const string EnvVar = "CROSSMARGIN_VECTORS";

    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Directory => Root.Value;

    /// <summary>Loads and gunzips e.g. <c>abi.json.gz</c>; fails the test with a clear message if it is missing.</summary>
    public static JsonDocument Load(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"vector file '{fileName}' not found in '{Directory}'", path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        return JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
    }

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvVar);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return System.IO.Directory.Exists(fromEnv)
                ? fromEnv
                : throw new DirectoryNotFoundException($"{EnvVar}='{fromEnv}' does not exist");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "vectors", "ethers");
            if (System.IO.Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException(
            $"reference vectors not found: set {EnvVar} or place shared/vectors/ethers in a parent of '{AppContext.BaseDirectory}'");
    }
}
