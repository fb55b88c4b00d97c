using System.CommandLine;
using CrossMargin.Cli.Commands;

// Table of contents of the command line: each command lives in Commands/ and builds its own System.CommandLine node.
var root = new RootCommand("CrossMargin: cross- and portfolio-margined perpetuals on a local devnet")
{
    VersionCommand.Create(),
    KeeperCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
