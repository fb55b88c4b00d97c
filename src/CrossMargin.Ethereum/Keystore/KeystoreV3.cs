using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Keystore;

/// <summary>
/// Web3 Secret Storage v3 (geth/ethers JSON keystore): scrypt or pbkdf2-hmac-sha256, aes-128-ctr, keccak MAC.
/// String passwords are used as their UTF-8 bytes (as geth does; no Unicode normalisation).
/// </summary>
public static class KeystoreV3
{
    public static string Encrypt(PrivateKey key, string password, KeystoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Encrypt(key, Encoding.UTF8.GetBytes(password), options);
    }

    public static string Encrypt(PrivateKey key, ReadOnlySpan<byte> password, KeystoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        options ??= KeystoreOptions.Standard;
        var salt = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(16);
        const int dkLen = 32;
        byte[] derived = options.Kdf == KeystoreKdf.Scrypt
            ? KeystoreCrypto.Scrypt(password, salt, options.ScryptN, options.ScryptR, options.ScryptP, dkLen)
            : KeystoreCrypto.Pbkdf2Sha256(password, salt, options.Pbkdf2Iterations, dkLen);
        var secret = key.ExportBytes();
        try
        {
            var ciphertext = KeystoreCrypto.Aes128Ctr(derived, iv, secret);
            var mac = KeystoreCrypto.Mac(derived, ciphertext);
            return Write(key.Address, options, salt, iv, ciphertext, mac, dkLen);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(derived);
        }
    }

    public static PrivateKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Decrypt(json, Encoding.UTF8.GetBytes(password));
    }

    /// <summary>
    /// Throws <see cref="KeystoreWrongPasswordException"/> when the MAC does not match, and
    /// <see cref="KeystoreException"/> for a malformed or unsupported file.
    /// </summary>
    public static PrivateKey Decrypt(string json, ReadOnlySpan<byte> password)
    {
        ArgumentNullException.ThrowIfNull(json);
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
            if (!TryGet(root, "version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 3)
                throw new KeystoreException("only version 3 keystores are supported");
            // Old geth and some wallets write "Crypto" with a capital C.
            if (!TryGet(root, "crypto", out var crypto)) throw new KeystoreException("keystore has no 'crypto' section");

            string cipher = RequireString(crypto, "cipher");
            if (cipher != "aes-128-ctr") throw new KeystoreException($"unsupported cipher '{cipher}' (only aes-128-ctr)");
            var ciphertext = RequireHex(crypto, "ciphertext");
            var iv = RequireHex(Require(crypto, "cipherparams"), "iv");
            var mac = RequireHex(crypto, "mac");

            var derived = Derive(crypto, password);
            try
            {
                if (!CryptographicOperations.FixedTimeEquals(KeystoreCrypto.Mac(derived, ciphertext), mac))
                    throw new KeystoreWrongPasswordException();
                var secret = KeystoreCrypto.Aes128Ctr(derived, iv, ciphertext);
                try
                {
                    if (secret.Length != PrivateKey.Size)
                        throw new KeystoreException($"decrypted key is {secret.Length} bytes, expected {PrivateKey.Size}");
                    var key = new PrivateKey(secret);
                    CheckAddress(root, key);
                    return key;
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(secret);
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(derived);
            }
        }
    }

    private static byte[] Derive(JsonElement crypto, ReadOnlySpan<byte> password)
    {
        string kdf = RequireString(crypto, "kdf");
        var p = Require(crypto, "kdfparams");
        int dkLen = RequireInt(p, "dklen");
        if (dkLen < 32 || dkLen > 64) throw new KeystoreException($"kdf dklen must be 32..64, got {dkLen}");
        var salt = RequireHex(p, "salt");
        switch (kdf)
        {
            case "scrypt":
                return KeystoreCrypto.Scrypt(password, salt, RequireInt(p, "n"), RequireInt(p, "r"), RequireInt(p, "p"), dkLen);
            case "pbkdf2":
                string prf = RequireString(p, "prf");
                if (prf != "hmac-sha256") throw new KeystoreException($"unsupported pbkdf2 prf '{prf}' (only hmac-sha256)");
                return KeystoreCrypto.Pbkdf2Sha256(password, salt, RequireInt(p, "c"), dkLen);
            default:
                throw new KeystoreException($"unsupported kdf '{kdf}' (only scrypt and pbkdf2)");
        }
    }

    private static void CheckAddress(JsonElement root, PrivateKey key)
    {
        if (!TryGet(root, "address", out var a) || a.ValueKind != JsonValueKind.String) return;
        string s = a.GetString()!;
        if (!s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) s = "0x" + s;
        if (!Address.TryParse(s, out var stated) || stated != key.Address)
            throw new KeystoreException($"keystore address {s} does not match the decrypted key's address {key.Address}");
    }

    private static string Write(Address address, KeystoreOptions o, byte[] salt, byte[] iv, byte[] ciphertext, byte[] mac, int dkLen)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("address", address.ToLowerHex()[2..]);
            w.WriteStartObject("crypto");
            w.WriteString("cipher", "aes-128-ctr");
            w.WriteString("ciphertext", Convert.ToHexStringLower(ciphertext));
            w.WriteStartObject("cipherparams");
            w.WriteString("iv", Convert.ToHexStringLower(iv));
            w.WriteEndObject();
            w.WriteString("kdf", o.Kdf == KeystoreKdf.Scrypt ? "scrypt" : "pbkdf2");
            w.WriteStartObject("kdfparams");
            w.WriteNumber("dklen", dkLen);
            if (o.Kdf == KeystoreKdf.Scrypt)
            {
                w.WriteNumber("n", o.ScryptN);
                w.WriteNumber("p", o.ScryptP);
                w.WriteNumber("r", o.ScryptR);
            }
            else
            {
                w.WriteNumber("c", o.Pbkdf2Iterations);
                w.WriteString("prf", "hmac-sha256");
            }
            w.WriteString("salt", Convert.ToHexStringLower(salt));
            w.WriteEndObject();
            w.WriteString("mac", Convert.ToHexStringLower(mac));
            w.WriteEndObject();
            w.WriteString("id", Guid.NewGuid().ToString());
            w.WriteNumber("version", 3);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
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
        Require(obj, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out int i)
            ? i
            : throw new KeystoreException($"keystore '{name}' must be a 32-bit integer");

    private static byte[] RequireHex(JsonElement obj, string name)
    {
        string s = RequireString(obj, name);
        try
        {
            return Hex.Decode(s);
        }
        catch (FormatException)
        {
            throw new KeystoreException($"keystore '{name}' is not valid hex");
        }
    }
}
