using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Rows;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// The rows one block range produces, decoded from its logs in chain order. Each event becomes a history row; the
/// state tables are upserted from the latest history row per key (events carry post-state, so no maths here).
/// </summary>
internal sealed class EventBatch
{
    public List<AccountRow> Accounts { get; } = [];
    public List<OperatorRow> Operators { get; } = [];
    public List<CollateralUpdateRow> CollateralUpdates { get; } = [];
    public List<PositionUpdateRow> PositionUpdates { get; } = [];
    public List<LiquidationRow> Liquidations { get; } = [];
    public List<CollateralLiquidationRow> CollateralLiquidations { get; } = [];
    public List<BadDebtRow> BadDebts { get; } = [];
    public List<PriceUpdateRow> PriceUpdates { get; } = [];
    public List<MarketRow> Markets { get; } = [];
    public List<CollateralRow> Collaterals { get; } = [];
    public List<CorrelationRow> Correlations { get; } = [];
    public List<GlobalRow> Globals { get; } = [];

    /// <summary>Tokens and feeds named by listings in this batch, with the decimals the listing event carries (the
    /// engine's stored token/feed decimals), first naming block first.</summary>
    public Dictionary<string, AssetRow> ListedAssets { get; } = [];

    /// <summary>Aggregators named by listings and updates in this batch, with the first block naming each.</summary>
    public Dictionary<Address, long> ListedFeeds { get; } = [];

    public int EventCount { get; private set; }

    /// <summary>Indexed events per block number (blocks with events keep their header for timestamps).</summary>
    public Dictionary<long, int> EventsPerBlock { get; } = [];

    /// <summary>Decodes one log (engine or feed). Logs of other events (ownership, NewRound) are ignored.</summary>
    public void Add(LogEntry log, Address engine)
    {
        var b = (long)log.BlockNumber;
        var i = (int)log.LogIndex;
        if (log.Address != engine)
        {
            if (MockAggregatorContract.AnswerUpdatedEvent.TryDecode(log, out var a))
            {
                PriceUpdates.Add(new PriceUpdateRow(b, i, Name(log.Address), a.RoundId, a.Current, (long)(ulong)a.UpdatedAt));
                Count(b);
            }
            return;
        }
        var tx = log.TransactionHash.ToString();
        switch (DecodeLog(log))
        {
            case AccountOpenedEvent e:
                Accounts.Add(new AccountRow(Id(e.AccountId), Name(e.Owner), e.Mode, b, i));
                break;
            case OperatorSetEvent e:
                Operators.Add(new OperatorRow(b, i, Id(e.AccountId), Name(e.Operator), e.Approved ? 1 : 0));
                break;
            case CollateralUpdatedEvent e:
                CollateralUpdates.Add(new CollateralUpdateRow(b, i, tx, Id(e.AccountId), Name(e.Asset), e.Delta, e.NewBalance, e.Reason));
                break;
            case PositionUpdatedEvent e:
                PositionUpdates.Add(new PositionUpdateRow(b, i, tx, Id(e.AccountId), (int)Id(e.MarketId), e.SizeDelta, e.Price, e.NewSize, e.NewOpenNotional, e.RealizedPnl, e.Fee));
                break;
            case LiquidatedEvent e:
                Liquidations.Add(new LiquidationRow(b, i, tx, Id(e.AccountId), Name(e.Liquidator), e.Fraction, e.Penalty, e.Reward, e.NewInsuranceFund));
                Globals.Add(new GlobalRow(b, i, "insurance_fund", Text(e.NewInsuranceFund)));
                break;
            case CollateralLiquidatedEvent e:
                CollateralLiquidations.Add(new CollateralLiquidationRow(b, i, tx, Id(e.AccountId), Name(e.Liquidator), Name(e.Asset), e.Repaid, e.Seized));
                break;
            case BadDebtSettledEvent e:
                BadDebts.Add(new BadDebtRow(b, i, tx, Id(e.AccountId), e.Amount, e.FromInsurance, e.Socialized, e.NewInsuranceFund));
                Globals.Add(new GlobalRow(b, i, "insurance_fund", Text(e.NewInsuranceFund)));
                break;
            case InsuranceFundedEvent e:
                Globals.Add(new GlobalRow(b, i, "insurance_fund", Text(e.NewInsuranceFund)));
                break;
            case VaultBalanceUpdatedEvent e:
                Globals.Add(new GlobalRow(b, i, "vault_balance", e.NewVaultBalance.ToString()));
                break;
            case VaultSetEvent e:
                Globals.Add(new GlobalRow(b, i, "vault", Name(e.Vault)));
                break;
            case PortfolioParamsSetEvent e:
                Globals.Add(new GlobalRow(b, i, "alpha", Text(e.Alpha)));
                Globals.Add(new GlobalRow(b, i, "k_im", Text(e.KIm)));
                break;
            case KeeperShareSetEvent e:
                Globals.Add(new GlobalRow(b, i, "keeper_share", Text(e.KeeperShare)));
                break;
            case MarketListedEvent e:
                AddMarket(b, i, e.MarketId, e.Params, e.FeedDecimals);
                break;
            case MarketUpdatedEvent e:
                AddMarket(b, i, e.MarketId, e.Params, e.FeedDecimals);
                break;
            case CollateralListedEvent e:
                AddCollateral(b, i, e.Asset, e.Index, e.Params, e.TokenDecimals, e.FeedDecimals);
                break;
            case CollateralParamsUpdatedEvent e:
                // The index never changes after listing; -1 is resolved by the writer from the collaterals table.
                AddCollateral(b, i, e.Asset, -1, e.Params, e.TokenDecimals, e.FeedDecimals);
                break;
            case CorrelationSetEvent e:
                Correlations.Add(new CorrelationRow(b, i, (int)Id(e.I), (int)Id(e.J), e.Rho));
                break;
            default:
                return;
        }
        Count(b);
    }

    private void Count(long block)
    {
        EventCount++;
        EventsPerBlock[block] = EventsPerBlock.GetValueOrDefault(block) + 1;
    }

    private void AddMarket(long b, int i, UInt256 id, MarketParams p, byte feedDecimals)
    {
        Markets.Add(new MarketRow(b, i, (int)Id(id), Name(p.Aggregator), p.Heartbeat, p.Imf, p.Mmf, p.Sigma, p.LiquidationFee, p.TakerFee, p.MaxOpenInterest));
        AddAsset(p.Aggregator, feedDecimals, b);
        ListedFeeds.TryAdd(p.Aggregator, b);
    }

    private void AddCollateral(long b, int i, Address asset, int index, CollateralParams p, byte tokenDecimals, byte feedDecimals)
    {
        Collaterals.Add(new CollateralRow(b, i, Name(asset), index, Name(p.Aggregator), p.Heartbeat, p.Hm, p.Hi, p.Bonus, p.LinkedMarket, p.Cap));
        AddAsset(p.Aggregator, feedDecimals, b);
        AddAsset(asset, tokenDecimals, b);
        ListedFeeds.TryAdd(p.Aggregator, b);
    }

    private void AddAsset(Address address, byte decimals, long block)
    {
        var key = Name(address);
        ListedAssets.TryAdd(key, new AssetRow(key, decimals, block));
    }

    // EIP-55 text hashes the address (Keccak) each time; a range repeats the same few assets and feeds thousands of times.
    private readonly Dictionary<Address, string> _names = [];

    private string Name(Address address)
    {
        if (!_names.TryGetValue(address, out var name))
            _names[address] = name = address.ToString();
        return name;
    }

    private static long Id(UInt256 v) => checked((long)(ulong)v);

    private static string Text(UInt256 v) => v.ToString();
}
