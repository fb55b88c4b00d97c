using System.Security.Cryptography;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using Nethereum.KeyStore;
using Nethereum.KeyStore.Crypto;
using Nethereum.KeyStore.Model;

namespace CrossMargin.Ethereum.Keystore;

/// <summary>
/// Web3 Secret Storage v3 (geth/ethers JSON keystore) through Nethereum.KeyStore. What stays ours: the
/// <see cref="PrivateKey"/> in and out, the parameter limits a hostile file must pass before any KDF runs
/// (<see cref="KeystoreLimits"/>, which Nethereum does not have), the address cross-check, and one exception type per
/// outcome, so callers (the CLI) can say "wrong password" without an exception dump. Passwords are UTF-8, as geth's.
/// </summary>
public static class KeystoreV3
{
    public static string Encrypt(PrivateKey key, string password, KeystoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(password);
        options ??= KeystoreOptions.Standard;
        var address = key.Address.ToLowerHex()[2..];
        var secret = key.ExportBytes();
        try
        {
            return options.Kdf == KeystoreKdf.Scrypt
                ? new KeyStoreScryptService().EncryptAndGenerateKeyStoreAsJson(password, secret, address,
                    new ScryptParams { Dklen = 32, N = options.ScryptN, R = options.ScryptR, P = options.ScryptP })
                : new KeyStorePbkdf2Service().EncryptAndGenerateKeyStoreAsJson(password, secret, address,
                    new Pbkdf2Params { Dklen = 32, Count = options.Pbkdf2Iterations, Prf = "hmac-sha256" });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>
    /// Throws <see cref="KeystoreWrongPasswordException"/> when the MAC does not match, and
    /// <see cref="KeystoreException"/> for a malformed, unsupported or inconsistent file.
    /// </summary>
    public static PrivateKey Decrypt(string json, string password)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(password);
        var stated = KeystoreLimits.Check(json);
        byte[] secret;
        try
        {
            secret = new KeyStoreService().DecryptKeyStoreFromJson(password, json);
        }
        catch (DecryptionException)
        {
            throw new KeystoreWrongPasswordException();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nethereum's messages name fields, not values; the type is enough to tell what went wrong.
            throw new KeystoreException($"keystore could not be decrypted ({e.GetType().Name}: {e.Message})");
        }
        try
        {
            if (secret.Length != PrivateKey.Size)
                throw new KeystoreException($"decrypted key is {secret.Length} bytes, expected {PrivateKey.Size}");
            var key = new PrivateKey(secret);
            if (stated is { } address && address != key.Address)
                throw new KeystoreException($"keystore address {address} does not match the decrypted key's address {key.Address}");
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
