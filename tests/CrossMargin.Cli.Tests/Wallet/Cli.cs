using System.CommandLine;
using CrossMargin.Cli.Commands;

namespace CrossMargin.Cli.Tests.Wallet;

/// <summary>Runs wallet commands through a System.CommandLine root (as Program.cs builds it) with captured output, as dev key <c>signer</c>.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(WalletDevnet devnet, int signer, params string[] args)
    {
        var root = new RootCommand
        {
            AccountCommand.Create(), DepositCommand.Create(), WithdrawCommand.Create(), TradeCommand.Create(),
            FaucetCommand.Create(), PriceCommand.Create(),
        };
        var output = new StringWriter();
        var error = new StringWriter();
        // Options the test passes itself are not added again.
        var connection = new List<string> { "--rpc-url", devnet.RpcUrl };
        if (!args.Contains("--deployment"))
            connection.AddRange(["--deployment", devnet.DeploymentFile]);
        if (!args.Contains("--key-env"))
            connection.AddRange(["--key-env", devnet.KeyVariable(signer)]);
        var exit = await root.Parse([.. args, .. connection]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>As <see cref="RunAsync"/>, failing the test with the command's output unless it exits 0.</summary>
    public static async Task<CliResult> OkAsync(WalletDevnet devnet, int signer, params string[] args)
    {
        var result = await RunAsync(devnet, signer, args);
        Assert.True(result.Exit == 0, $"`{string.Join(' ', args)}` exited {result.Exit}:\n{result.Output}\n{result.Error}");
        return result;
    }

    /// <summary>As <see cref="RunAsync"/>, expecting exit code 1 and returning the error line.</summary>
    public static async Task<string> FailAsync(WalletDevnet devnet, int signer, params string[] args)
    {
        var result = await RunAsync(devnet, signer, args);
        Assert.True(result.Exit == 1, $"`{string.Join(' ', args)}` exited {result.Exit}:\n{result.Output}\n{result.Error}");
        return result.Error;
    }
}

internal sealed record CliResult(int Exit, string Output, string Error);
