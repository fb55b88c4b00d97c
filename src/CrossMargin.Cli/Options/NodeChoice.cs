namespace CrossMargin.Cli.Options;

/// <summary>How a command gets its node (<see cref="RpcEndpointOptions"/>).</summary>
internal enum NodeChoice
{
    /// <summary>Talk to a running node: --rpc-url, default the local devnet.</summary>
    Connect,

    /// <summary>`up`/`demo`: start Anvil on --port unless --rpc-url names a node.</summary>
    StartOrConnect,
}
