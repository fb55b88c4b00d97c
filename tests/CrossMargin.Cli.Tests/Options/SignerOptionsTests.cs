using System.CommandLine;
using CrossMargin.Cli.Options;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Keystore;

namespace CrossMargin.Cli.Tests.Options;

/// <summary>The one signer binder: names, defaults, precedence and every error message (which never carry a key).</summary>
public sealed class SignerOptionsTests : IDisposable
{
    private const string Key = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"; // anvil dev account 2
    private readonly string _variable = $"CROSSMARGIN_TEST_SIGNER_{Guid.NewGuid():N}";
    private readonly string _dir = Directory.CreateTempSubdirectory("crossmargin-signer-").FullName;

    [Fact]
    public void Read_NoOptions_KeyFromCrossmarginPrivateKey()
    {
        var source = Read(new SignerOptions());
        Assert.Equal("CROSSMARGIN_PRIVATE_KEY", source!.KeyVariable);
        Assert.Null(source.KeystoreFile);
    }

    [Fact]
    public void Read_KeeperPrefixWithoutOptions_NoSignerSoTheCallerDefaultApplies()
    {
        Assert.Null(Read(new SignerOptions("keeper-", keyVariableDefault: false)));
        Assert.Equal(_variable, Read(new SignerOptions("keeper-", keyVariableDefault: false), "--keeper-key-env", _variable)!.KeyVariable);
    }

    [Fact]
    public void Load_KeyVariable_TheKey()
    {
        Environment.SetEnvironmentVariable(_variable, Key);
        Assert.Equal(PrivateKey.FromHex(Key).Address, Read(new SignerOptions(), "--key-env", _variable)!.Load(NoPrompt).Address);
    }

    [Theory]
    [InlineData("", "--key-env", "--keystore")]
    [InlineData("keeper-", "--keeper-key-env", "--keeper-keystore")]
    public void Load_VariableUnset_NamesItAndTheOptions(string prefix, string keyOption, string keystoreOption)
    {
        var source = Read(new SignerOptions(prefix), keyOption, _variable);
        var e = Assert.Throws<UsageException>(() => source!.Load(NoPrompt));
        Assert.Equal($"no signer: environment variable {_variable} is not set (pass {keyOption} NAME or {keystoreOption} FILE)", e.Message);
    }

    [Fact]
    public void Load_VariableNotAKey_NamesItNeverTheValue()
    {
        Environment.SetEnvironmentVariable(_variable, "0xsecret-but-not-a-key");
        var e = Assert.Throws<UsageException>(() => Read(new SignerOptions(), "--key-env", _variable)!.Load(NoPrompt));
        Assert.Equal($"no signer: environment variable {_variable} does not hold a valid private key (pass --key-env NAME or --keystore FILE)", e.Message);
    }

    [Fact]
    public void Load_KeystoreAndKeyEnv_KeystoreWinsWithPasswordFromItsVariable()
    {
        var file = Keystore("pw");
        var source = Read(new SignerOptions(), "--key-env", _variable, "--keystore", file, "--password-env", "PW");
        Assert.Equal(PrivateKey.FromHex(Key).Address, source!.Load(NoPrompt, Env(("PW", "pw"))).Address);
    }

    [Fact]
    public void Load_KeystoreWithoutPasswordOption_DefaultVariableElsePrompt()
    {
        var source = Read(new SignerOptions(), "--keystore", Keystore("pw"));
        Assert.Equal(PrivateKey.FromHex(Key).Address, source!.Load(NoPrompt, Env(("CROSSMARGIN_KEYSTORE_PASSWORD", "pw"))).Address);
        var prompted = 0;
        Assert.Equal(PrivateKey.FromHex(Key).Address, source.Load(() => { prompted++; return "pw"; }, Env()).Address);
        Assert.Equal(1, prompted);
    }

    [Fact]
    public void Load_KeystoreErrors_NamedOnePerProblem()
    {
        var file = Keystore("pw");
        var missing = Path.Combine(_dir, "missing.json");
        Assert.Equal($"keystore file not found: {missing}", Fail(Read(new SignerOptions(), "--keystore", missing)!, Env()));
        Assert.Equal("environment variable PW_UNSET (--password-env) is not set", Fail(Read(new SignerOptions(), "--keystore", file, "--password-env", "PW_UNSET")!, Env()));
        Assert.Equal($"wrong password for keystore {file}", Fail(Read(new SignerOptions(), "--keystore", file)!, Env(("CROSSMARGIN_KEYSTORE_PASSWORD", "wrong"))));
        var broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{}");
        Assert.StartsWith($"keystore {broken} is not a valid v3 keystore: ", Fail(Read(new SignerOptions(), "--keystore", broken)!, Env(("CROSSMARGIN_KEYSTORE_PASSWORD", "pw"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PasswordEnvWithoutKeystore_NamedError()
    {
        var command = new RootCommand();
        new SignerOptions("keeper-").AddTo(command);
        Assert.Equal(["--keeper-password-env is the password of --keeper-keystore: give --keeper-keystore FILE too"],
            command.Parse(["--keeper-password-env", "PW"]).Errors.Select(e => e.Message));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        Directory.Delete(_dir, recursive: true);
    }

    private static string NoPrompt() => throw new InvalidOperationException("no prompt expected");

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    private static string Fail(SignerSource source, Func<string, string?> environment) =>
        Assert.Throws<UsageException>(() => source.Load(NoPrompt, environment)).Message;

    private static SignerSource? Read(SignerOptions options, params string[] args)
    {
        var command = new RootCommand();
        options.AddTo(command);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return options.Read(parse);
    }

    private string Keystore(string password)
    {
        var file = Path.Combine(_dir, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, KeystoreV3.Encrypt(PrivateKey.FromHex(Key), password, KeystoreOptions.Light));
        return file;
    }
}
