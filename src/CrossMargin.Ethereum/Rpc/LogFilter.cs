using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// eth_getLogs / logs-subscription filter. <see cref="Topics"/> is positional: a null entry matches
/// anything, a list with several entries matches any of them (OR). Addresses are OR-ed as well.
/// </summary>
public sealed record LogFilter
{
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<Hash32>?> Topics { get; init; } = [];

    /// <summary>Ignored by subscriptions (they always start at the next block).</summary>
    public BlockParameter? FromBlock { get; init; }

    /// <summary>Ignored by subscriptions.</summary>
    public BlockParameter? ToBlock { get; init; }

    /// <summary>Same filter over a block range (used for gap backfill).</summary>
    public LogFilter WithRange(ulong fromBlock, ulong toBlock) => this with { FromBlock = fromBlock, ToBlock = toBlock };
}
