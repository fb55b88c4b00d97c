using System.CommandLine;

namespace CrossMargin.Cli.Options;

/// <summary>
/// The one way to choose the signer: `--key-env NAME` (default $CROSSMARGIN_PRIVATE_KEY) or `--keystore FILE` (which
/// wins when both are given) with its password from `--password-env NAME`, else $CROSSMARGIN_KEYSTORE_PASSWORD, else a
/// prompt (<see cref="SignerSource"/>). Wallet commands and `keeper` bind these names; `up`/`demo` bind the same three
/// with the prefix "keeper-" and no variable default (their keeper signs as Anvil dev account 1 unless told otherwise,
/// so a wallet user's $CROSSMARGIN_PRIVATE_KEY never becomes the keeper's key).
/// </summary>
internal sealed class SignerOptions
{
    public const string DefaultKeyVariable = "CROSSMARGIN_PRIVATE_KEY";
    public const string DefaultPasswordVariable = "CROSSMARGIN_KEYSTORE_PASSWORD";
    private readonly bool _keyVariableDefault;

    /// <param name="prefix">"" (wallet commands, keeper) or "keeper-" (up, demo)</param>
    /// <param name="keyVariableDefault">--key-env defaults to $CROSSMARGIN_PRIVATE_KEY; false: no signer unless an option names one</param>
    public SignerOptions(string prefix = "", bool keyVariableDefault = true)
    {
        _keyVariableDefault = keyVariableDefault;
        KeyEnv = new Option<string?>($"--{prefix}key-env")
        {
            Description = keyVariableDefault
                ? $"environment variable holding the signer's 0x-hex private key (default: {DefaultKeyVariable})"
                : "environment variable holding the keeper's 0x-hex private key (default: Anvil dev account 1)",
        };
        Keystore = new Option<string?>($"--{prefix}keystore") { Description = $"v3 keystore file of the signer (instead of --{prefix}key-env)" };
        PasswordEnv = new Option<string?>($"--{prefix}password-env")
        {
            Description = $"environment variable holding the keystore password (default: {DefaultPasswordVariable} if set, else a prompt)",
        };
    }

    public Option<string?> KeyEnv { get; }

    public Option<string?> Keystore { get; }

    public Option<string?> PasswordEnv { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(KeyEnv);
        command.Options.Add(Keystore);
        command.Options.Add(PasswordEnv);
        command.Validators.Add(result =>
        {
            if (result.GetValue(PasswordEnv) is not null && result.GetValue(Keystore) is null)
                result.AddError($"{PasswordEnv.Name} is the password of {Keystore.Name}: give {Keystore.Name} FILE too");
        });
    }

    /// <summary>Where the key is (never the key); null when no option names one and there is no default variable.</summary>
    public SignerSource? Read(ParseResult parse)
    {
        var keystore = parse.GetValue(Keystore);
        var variable = parse.GetValue(KeyEnv) ?? (_keyVariableDefault ? DefaultKeyVariable : null);
        if (keystore is null && variable is null)
            return null;
        return new SignerSource(variable, keystore, parse.GetValue(PasswordEnv), KeyEnv.Name, Keystore.Name, PasswordEnv.Name);
    }
}
