using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Keystore;
using CrossMargin.Ethereum.Sending;

namespace CrossMargin.Cli.Options;

/// <summary>
/// Where the signer's key is (from <see cref="SignerOptions"/>): a keystore file, else an environment variable. Loading
/// goes through KeySource; every failure is a <see cref="UsageException"/> naming the option, variable or file, never the value.
/// </summary>
internal sealed record SignerSource(string? KeyVariable, string? KeystoreFile, string? PasswordVariable, string KeyOption, string KeystoreOption, string PasswordOption)
{
    /// <summary>Loads the key; <paramref name="promptPassword"/> is asked only for a keystore with no password variable set.
    /// <paramref name="environment"/> looks up the password variables (tests pass their own).</summary>
    public PrivateKey Load(Func<string> promptPassword, Func<string, string?>? environment = null)
    {
        if (KeystoreFile is not { } file)
        {
            try
            {
                return KeySource.FromEnvironment(KeyVariable!);
            }
            catch (InvalidOperationException e)
            {
                // KeySource names the variable, never its value.
                throw new UsageException($"no signer: {e.Message} (pass {KeyOption} NAME or {KeystoreOption} FILE)");
            }
        }
        if (!File.Exists(file))
            throw new UsageException($"keystore file not found: {file}");
        var password = Password(promptPassword, environment ?? Environment.GetEnvironmentVariable);
        try
        {
            return KeySource.FromKeystoreFile(file, password);
        }
        catch (KeystoreWrongPasswordException)
        {
            throw new UsageException($"wrong password for keystore {file}");
        }
        catch (Exception e) when (e is KeystoreException or System.Text.Json.JsonException)
        {
            throw new UsageException($"keystore {file} is not a valid v3 keystore: {e.Message}");
        }
    }

    /// <summary>An explicit --password-env must be set; otherwise $CROSSMARGIN_KEYSTORE_PASSWORD, else the prompt.</summary>
    private string Password(Func<string> promptPassword, Func<string, string?> environment)
    {
        if (PasswordVariable is { } variable)
            return environment(variable) ?? throw new UsageException($"environment variable {variable} ({PasswordOption}) is not set");
        return environment(SignerOptions.DefaultPasswordVariable) ?? promptPassword();
    }
}
