using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Screening;

namespace CrossMargin.Keeper.Book;

/// <summary>
/// The keeper's view of the chain: the Risk mirror (<see cref="RiskBook"/> fed by <see cref="RiskEventApplier"/>),
/// the position in the log stream, and the screen. Logs arrive in chain order (subscription or getLogs ranges) and
/// may be delivered twice around a restart or reconnect: <see cref="Apply"/> drops anything at or before the position.
/// Single-threaded: only the keeper loop touches it.
/// </summary>
internal sealed class KeeperBook
{
    private readonly HashSet<ulong> _dirty = [];
    private readonly Dictionary<Address, int> _feedIndex = [];
    private readonly HashSet<Address> _feeds = [];
    private Screener _screen = null!;

    public KeeperBook(RiskEventApplier applier, LogPosition position)
    {
        Applier = applier;
        Position = position;
        RebuildScreen();
    }

    public RiskEventApplier Applier { get; }

    public RiskBook Risk => Applier.Book;

    public LogPosition Position { get; private set; }

    /// <summary>Accounts changed since the screen was built: always re-checked exactly.</summary>
    public IReadOnlyCollection<ulong> Dirty => _dirty;

    public Screener Screen => _screen;

    /// <summary>Feed aggregators listed so far (logs of other addresses are ignored).</summary>
    public IReadOnlySet<Address> Feeds => _feeds;

    /// <summary>Applies one log unless already applied. Returns what it changed.</summary>
    public LogEffect Apply(LogEntry log, Address engine)
    {
        if (log.Removed || !Position.Accepts(log))
            return LogEffect.None;
        Position = Position.After(log);
        var fromEngine = log.Address == engine;
        // Answers of any aggregator are kept (a feed may answer before it is listed); engine events only from ours.
        if (!fromEngine && (log.Topics.Count == 0 || log.Topics[0] != AnswerUpdatedTopic))
            return LogEffect.None;
        if (!Applier.Apply(log))
            return LogEffect.None;
        if (!fromEngine)
        {
            if (!_feedIndex.TryGetValue(log.Address, out var feed))
                return LogEffect.None;
            _screen.Tick(feed, Price(log.Address, Risk.Answers[log.Address]));
            return LogEffect.Price;
        }
        // Engine events: account events carry the account id as the first indexed topic.
        if (log.Topics.Count > 1 && IsAccountEvent(log.Topics[0]))
        {
            _dirty.Add((ulong)UInt256.FromBigEndian(log.Topics[1].ToArray()));
            return LogEffect.Account;
        }
        RebuildScreen();
        return LogEffect.Parameters;
    }

    /// <summary>Every log up to <paramref name="block"/> has been applied (getLogs range or caught-up snapshot).</summary>
    public void CompleteThrough(ulong block)
    {
        if (block > Position.Block || (block == Position.Block && !Position.Complete))
            Position = new LogPosition(block, true, null, []);
    }

    /// <summary>Rebuilds the screen from the exact states (clears the dirty set).</summary>
    public void RebuildScreen()
    {
        var px = Risk.Prices();
        var parameters = ScreenParameters.From(Risk.Parameters, px);
        var builder = new ScreenBookBuilder(parameters);
        foreach (var a in Risk.Accounts.Values)
            builder.Add(a, Risk.Parameters);
        _screen = new Screener(builder.Build(), parameters);
        _screen.RecomputeAll();
        _dirty.Clear();
        _feedIndex.Clear();
        _feeds.Clear();
        for (var i = 1; i <= RiskConstants.MaxMarkets; i++)
        {
            if (Risk.Parameters.Markets[i] is { } m)
            {
                _feedIndex[m.Aggregator] = parameters.MarketFeed[i];
                _feeds.Add(m.Aggregator);
            }
        }
        for (var c = 0; c < RiskConstants.MaxCollaterals; c++)
        {
            if (Risk.Parameters.Collaterals[c] is { } col)
            {
                _feedIndex[col.Aggregator] = parameters.CollateralFeed[c];
                _feeds.Add(col.Aggregator);
            }
        }
    }

    /// <summary>Restores the log position saved in a checkpoint.</summary>
    public void Restore(LogPosition position) => Position = position;

    private double Price(Address feed, System.Numerics.BigInteger answer)
    {
        if (answer.Sign <= 0)
            return double.NaN; // the contract reverts on this feed: NaN makes every exposed row a candidate, the exact check skips it
        // Only listed feeds tick the screen (_feedIndex), so the listing's decimals are known.
        return (double)answer / System.Math.Pow(10, Risk.Parameters.FeedDecimals(feed)!.Value);
    }

    public static readonly Hash32 AnswerUpdatedTopic = new(Contracts.MockAggregatorContract.Abi.GetEvent("AnswerUpdated").Topic0);

    /// <summary>topic0 of every log the keeper follows: the engine's events and Chainlink's AnswerUpdated.</summary>
    public static IReadOnlyList<Hash32> FollowedTopics { get; } =
        [.. Contracts.MarginEngineContract.Abi.Events.Select(e => new Hash32(e.Topic0)), AnswerUpdatedTopic];

    private static readonly HashSet<Hash32> AccountTopics =
    [
        .. new[] { "AccountOpened", "CollateralUpdated", "PositionUpdated", "Liquidated", "CollateralLiquidated", "BadDebtSettled", "OperatorSet" }
            .Select(n => new Hash32(Contracts.MarginEngineContract.Abi.GetEvent(n).Topic0)),
    ];

    private static bool IsAccountEvent(Hash32 topic0) => AccountTopics.Contains(topic0);
}
