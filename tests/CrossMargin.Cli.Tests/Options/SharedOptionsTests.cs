using System.CommandLine;
using CrossMargin.Cli.Commands;

namespace CrossMargin.Cli.Tests.Options;

/// <summary>Wallet commands, `keeper` and `up` take the node and signer options from the same binders: same names, same descriptions.</summary>
public sealed class SharedOptionsTests
{
    [Fact]
    public void NodeAndSignerOptions_SameNamesAndDescriptionsAcrossCommands()
    {
        var deposit = DepositCommand.Create();
        var keeper = KeeperCommand.Create();
        var up = UpCommand.Create();
        foreach (var name in new[] { "--rpc-url", "--key-env", "--keystore", "--password-env" })
            Assert.Equal(Option(deposit, name).Description, Option(keeper, name).Description);
        Assert.Equal(Option(keeper, "--ws-url").Description, Option(up, "--ws-url").Description);
        foreach (var name in new[] { "--keeper-key-env", "--keeper-keystore", "--keeper-password-env", "--port" })
            Assert.NotNull(Option(up, name));
    }

    private static Option Option(Command command, string name) =>
        command.Options.SingleOrDefault(o => o.Name == name) ?? throw new Xunit.Sdk.XunitException($"{command.Name} has no {name}");
}
