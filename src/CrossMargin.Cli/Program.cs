using System.CommandLine;
using CrossMargin.Cli.Commands;

// Table of contents of the command line: each command lives in Commands/ and builds its own System.CommandLine node.
var root = new RootCommand("CrossMargin: cross- and portfolio-margined perpetuals on a local devnet")
{
    VersionCommand.Create(),
    UpCommand.Create(),
    DemoCommand.Create(),
    IndexCommand.Create(),
    ServeCommand.Create(),
    AccountCommand.Create(),
    DepositCommand.Create(),
    WithdrawCommand.Create(),
    TradeCommand.Create(),
    FaucetCommand.Create(),
    PriceCommand.Create(),
    CompareCommand.Create(),
    BenchCommand.Create(),
    KeeperCommand.Create(),
};
// Ctrl-C/SIGTERM cancel the running command; long-running ones (up, demo) then stop their services, which can take
// longer than System.CommandLine's 2 s default before it gives up waiting.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
