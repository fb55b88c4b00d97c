using System.Diagnostics;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Keystore;

namespace CrossMargin.Cli.Tests.Wallet;

/// <summary>Keys from a keystore file, and the built crossmargin.dll run as a process (exit codes, stdout/stderr).</summary>
public sealed class SignerTests(WalletDevnet devnet) : IClassFixture<WalletDevnet>
{
    [Fact]
    public async Task Keystore_WithPasswordFromEnvironment_Signs_AndAWrongPasswordIsNamed()
    {
        const int signer = 7;
        var file = Path.Combine(devnet.WorkDirectory, "signer.json");
        await File.WriteAllTextAsync(file, KeystoreV3.Encrypt(PrivateKey.FromHex(devnet.PrivateKey(signer)), "correct horse", KeystoreOptions.Light));
        var password = $"CROSSMARGIN_TEST_PASSWORD_{Environment.ProcessId}_{signer}";
        Environment.SetEnvironmentVariable(password, "correct horse");
        try
        {
            // Cli passes --key-env for an unused key (0): --keystore takes precedence.
            var opened = await Cli.OkAsync(devnet, 0, "account", "open", "--mode", "portfolio", "--keystore", file, "--password-env", password);
            Assert.Contains($"(PORTFOLIO) for {devnet.Address(signer)}", opened.Output, StringComparison.Ordinal);

            Environment.SetEnvironmentVariable(password, "wrong");
            var error = await Cli.FailAsync(devnet, 0, "account", "list", "--keystore", file, "--password-env", password);
            Assert.Equal($"error: wrong password for keystore {file}\n", error);
            Assert.Equal($"error: environment variable {password}_UNSET (--password-env) is not set\n",
                await Cli.FailAsync(devnet, 0, "account", "list", "--keystore", file, "--password-env", password + "_UNSET"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(password, null);
        }
    }

    [Fact]
    public async Task MissingKeyVariable_IsNamed_AndItsValueIsNeverPrinted()
    {
        var variable = $"CROSSMARGIN_TEST_BADKEY_{Environment.ProcessId}";
        var result = await Cli.RunAsync(devnet, 0, "account", "list", "--key-env", variable + "_UNSET");
        Assert.Equal(1, result.Exit);
        Assert.Equal($"error: no signer: environment variable {variable}_UNSET is not set (pass --key-env NAME or --keystore FILE)\n", result.Error);
        Environment.SetEnvironmentVariable(variable, "0xnot-a-key-but-secret-looking");
        try
        {
            result = await Cli.RunAsync(devnet, 0, "account", "list", "--key-env", variable);
            Assert.Equal(1, result.Exit);
            Assert.DoesNotContain("secret-looking", result.Error, StringComparison.Ordinal);
            Assert.Contains($"environment variable {variable} does not hold a valid private key", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task NewKeyWithoutEther_IsToldToUseTheFaucet_ThenWorks()
    {
        var variable = $"CROSSMARGIN_TEST_FRESHKEY_{Environment.ProcessId}";
        var key = PrivateKey.Generate();
        Environment.SetEnvironmentVariable(variable, "0x" + Convert.ToHexStringLower(key.ExportBytes()));
        try
        {
            var error = await Cli.FailAsync(devnet, 0, "account", "open", "--mode", "cross", "--key-env", variable);
            Assert.StartsWith("error: the node refused the request: ", error, StringComparison.Ordinal);
            Assert.EndsWith(" (devnet: crossmargin faucet --asset ETH --amount 10)\n", error, StringComparison.Ordinal);

            var faucet = await Cli.OkAsync(devnet, 0, "faucet", "--asset", "ETH", "--amount", "10", "--key-env", variable);
            Assert.Equal($"{key.Address} now holds 10 ETH\n", faucet.Output);
            await Cli.OkAsync(devnet, 0, "account", "open", "--mode", "cross", "--key-env", variable);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task DeploymentProblems_AreNamed()
    {
        var missing = Path.Combine(devnet.WorkDirectory, "missing.json");
        Assert.Equal($"error: no deployment file at {missing}: start the devnet with `./crossmargin up`, or pass --deployment FILE\n",
            await Cli.FailAsync(devnet, 1, "account", "list", "--deployment", missing));
        foreach (var wrong in new[] { devnet.Address(1), devnet.Devnet.Usdc.ToString() }) // no code; another contract
        {
            var file = Path.Combine(devnet.WorkDirectory, "wrong.json");
            await File.WriteAllTextAsync(file, $$"""{"engine":"{{wrong}}"}""");
            Assert.Equal($"error: no MarginEngine at {wrong} on {devnet.RpcUrl} (was the devnet restarted without its state? check --deployment)\n",
                await Cli.FailAsync(devnet, 1, "account", "list", "--deployment", file));
        }
    }

    [Fact]
    public async Task BuiltCli_RunsAsAProcess_WithExitCodes()
    {
        const int signer = 8;
        string[] connection = ["--rpc-url", devnet.RpcUrl, "--deployment", devnet.DeploymentFile, "--key-env", devnet.KeyVariable(signer)];
        var (exit, stdout, _) = await RunProcessAsync(["account", "open", "--mode", "cross", .. connection]);
        Assert.Equal(0, exit);
        Assert.Contains($"(CROSS) for {devnet.Address(signer)}", stdout, StringComparison.Ordinal);

        (exit, stdout, var stderr) = await RunProcessAsync(["deposit", "--asset", "DOGE", "--amount", "1", .. connection]);
        Assert.Equal(1, exit);
        Assert.Equal("", stdout);
        Assert.Equal("error: unknown asset 'DOGE' (known: USDC, WETH, WBTC)\n", stderr);
    }

    [Fact]
    public async Task BuiltCli_ReadsTheKeystorePasswordFromRedirectedInput()
    {
        const int signer = 9;
        var file = Path.Combine(devnet.WorkDirectory, "stdin-signer.json");
        await File.WriteAllTextAsync(file, KeystoreV3.Encrypt(PrivateKey.FromHex(devnet.PrivateKey(signer)), "from stdin", KeystoreOptions.Light));
        string[] connection = ["--rpc-url", devnet.RpcUrl, "--deployment", devnet.DeploymentFile, "--keystore", file];
        var (exit, stdout, stderr) = await RunProcessAsync(["account", "open", "--mode", "isolated", .. connection], "from stdin\n");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"(ISOLATED) for {devnet.Address(signer)}", stdout, StringComparison.Ordinal);
        (exit, _, stderr) = await RunProcessAsync(["account", "list", .. connection], "");
        Assert.Equal(1, exit);
        Assert.Equal("error: no keystore password on standard input (or pass --password-env NAME)\n", stderr);
    }

    /// <summary>The CLI project's own build output (the test project builds it), in the same configuration as the tests.</summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(string[] args, string stdin = "")
    {
        var dll = BuildOutput.Dll("src/CrossMargin.Cli", "crossmargin");
        Assert.True(File.Exists(dll), $"{dll} not built");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
