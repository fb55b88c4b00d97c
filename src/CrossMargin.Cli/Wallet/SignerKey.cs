using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Keystore;
using CrossMargin.Ethereum.Sending;

namespace CrossMargin.Cli.Wallet;

/// <summary>The signer's key from --keystore (password from --password-env or a prompt) or the --key-env variable, via <see cref="KeySource"/>.</summary>
internal static class SignerKey
{
    public static PrivateKey Load(WalletSettings settings, Func<string> promptPassword)
    {
        if (settings.KeystoreFile is not { } file)
        {
            try
            {
                return KeySource.FromEnvironment(settings.KeyVariable);
            }
            catch (InvalidOperationException e)
            {
                // KeySource names the variable, never its value.
                throw new WalletException($"no signer: {e.Message} (pass --key-env NAME or --keystore FILE)");
            }
        }
        if (!File.Exists(file))
            throw new WalletException($"keystore file not found: {file}");
        var password = settings.PasswordVariable is { } variable
            ? Environment.GetEnvironmentVariable(variable) ?? throw new WalletException($"environment variable {variable} (--password-env) is not set")
            : promptPassword();
        try
        {
            return KeySource.FromKeystoreFile(file, password);
        }
        catch (KeystoreWrongPasswordException)
        {
            throw new WalletException($"wrong password for keystore {file}");
        }
        catch (Exception e) when (e is KeystoreException or System.Text.Json.JsonException)
        {
            throw new WalletException($"keystore {file} is not a valid v3 keystore: {e.Message}");
        }
    }
}
