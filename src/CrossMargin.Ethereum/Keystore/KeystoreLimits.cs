using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Keystore;

/// <summary>
/// What a keystore file must satisfy before Nethereum runs its KDF: version 3, aes-128-ctr, scrypt or
/// pbkdf2-hmac-sha256, and a cost that cannot make us allocate gigabytes or spin for minutes (Nethereum runs whatever
/// the file asks for). Returns the address the file states, if any, for the cross-check after decryption.
/// </summary>
internal static class KeystoreLimits
{
    private const long MaxScryptMemory = 1L << 30;
    private const int MaxPbkdf2Iterations = 10_000_000;

    public static Address? Check(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new KeystoreException("keystore is not valid JSON", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new KeystoreException("keystore JSON must be an object");
            if (!TryGet(root, "version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 3)
                throw new KeystoreException("only version 3 keystores are supported");
            // Old geth and some wallets write "Crypto" with a capital C.
            var crypto = Require(root, "crypto");
            var cipher = RequireString(crypto, "cipher");
            if (cipher != "aes-128-ctr") throw new KeystoreException($"unsupported cipher '{cipher}' (only aes-128-ctr)");
            var p = Require(crypto, "kdfparams");
            var dkLen = RequireInt(p, "dklen");
            if (dkLen < 32 || dkLen > 64) throw new KeystoreException($"kdf dklen must be 32..64, got {dkLen}");
            switch (RequireString(crypto, "kdf"))
            {
                case "scrypt":
                    int n = RequireInt(p, "n"), r = RequireInt(p, "r"), par = RequireInt(p, "p");
                    if (n < 2 || (n & (n - 1)) != 0) throw new KeystoreException($"scrypt n must be a power of two > 1, got {n}");
                    if (r < 1 || par < 1 || (long)r * par >= 1 << 30) throw new KeystoreException($"scrypt r={r}, p={par} out of range");
                    if (128L * n * r > MaxScryptMemory) throw new KeystoreException($"scrypt n={n}, r={r} needs more than {MaxScryptMemory >> 20} MiB");
                    break;
                case "pbkdf2":
                    var prf = RequireString(p, "prf");
                    if (prf != "hmac-sha256") throw new KeystoreException($"unsupported pbkdf2 prf '{prf}' (only hmac-sha256)");
                    var c = RequireInt(p, "c");
                    if (c < 1 || c > MaxPbkdf2Iterations) throw new KeystoreException($"pbkdf2 iteration count {c} out of range");
                    break;
                case var kdf:
                    throw new KeystoreException($"unsupported kdf '{kdf}' (only scrypt and pbkdf2)");
            }
            if (!TryGet(root, "address", out var a) || a.ValueKind != JsonValueKind.String)
                return null;
            var s = a.GetString()!;
            if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) s = "0x" + s;
            return Address.TryParse(s, out var stated)
                ? stated
                : throw new KeystoreException($"keystore address {s} is not a valid address");
        }
    }

    private static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var prop in obj.EnumerateObject())
        {
            if (string.Equals(prop.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = prop.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static JsonElement Require(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && TryGet(obj, name, out var v) ? v : throw new KeystoreException($"keystore is missing '{name}'");

    private static string RequireString(JsonElement obj, string name) =>
        Require(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new KeystoreException($"keystore '{name}' must be a string");

    private static int RequireInt(JsonElement obj, string name) =>
        Require(obj, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i)
            ? i
            : throw new KeystoreException($"keystore '{name}' must be a 32-bit integer");
}
