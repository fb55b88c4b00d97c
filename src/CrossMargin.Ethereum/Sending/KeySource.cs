using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Keystore;

namespace CrossMargin.Ethereum.Sending;

/// <summary>
/// Loads a signing key. Messages name the variable or file, never the value: a key must not reach a log
/// (and <see cref="PrivateKey.ToString"/> redacts it).
/// </summary>
public static class KeySource
{
    /// <summary>A 0x-hex private key from environment variable <paramref name="variable"/>.</summary>
    public static PrivateKey FromEnvironment(string variable)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"environment variable {variable} is not set");
        try
        {
            return PrivateKey.FromHex(value.Trim());
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // The inner exception could echo the text; drop it.
            throw new InvalidOperationException($"environment variable {variable} does not hold a valid private key");
        }
    }

    /// <summary>A Web3 Secret Storage v3 keystore file, decrypted with <paramref name="password"/>.</summary>
    public static PrivateKey FromKeystoreFile(string path, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(password);
        return KeystoreV3.Decrypt(File.ReadAllText(path), password);
    }
}
