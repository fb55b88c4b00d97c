using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Events;

/// <summary>
/// Applies decoded MarginEngine and MockAggregator (Chainlink AnswerUpdated) logs to a <see cref="RiskBook"/>.
/// Every account event carries its post-state, so nothing here re-implements contract maths; the quote and every
/// token's and feed's decimals come from the events too (EngineCreated, and the listing/parameter events carry the
/// decimals the engine stored), so the mirror needs no eth_call.
/// </summary>
public sealed class RiskEventApplier(RiskBook book, ContractAbi engineAbi, ContractAbi aggregatorAbi)
{
    private readonly EventDescriptor _answerUpdated = aggregatorAbi.GetEvent("AnswerUpdated");

    public RiskBook Book => book;

    /// <summary>When set, every log applied through <see cref="ApplyChange(LogEntry)"/> first records what it overwrites,
    /// so the book can be rolled back on a reorg (<see cref="RiskJournal.Rollback"/>).</summary>
    public RiskJournal? Journal { get; set; }

    /// <summary>Applies one log (logs must come in chain order). Returns false for logs the risk model ignores.</summary>
    public bool Apply(LogEntry log) => ApplyChange(log).Kind != RiskChangeKind.None;

    public bool Apply(DecodedEvent e) => ApplyChange(e).Kind != RiskChangeKind.None;

    /// <summary>Applies one log and says what it changed (for incremental consumers such as the liquidation book).</summary>
    public RiskChange ApplyChange(LogEntry log)
    {
        Journal?.Begin(log.BlockNumber, log.BlockHash);
        var topics = log.Topics.Select(t => t.ToArray()).ToArray();
        if (topics.Length > 0 && _answerUpdated.IsMatch(topics))
        {
            var answer = _answerUpdated.Decode(topics, log.Data);
            Journal?.Answer(book, log.Address);
            book.Answers[log.Address] = (BigInteger)answer["current"];
            return new RiskChange(RiskChangeKind.Answer, Feed: log.Address);
        }
        return engineAbi.TryDecodeLog(topics, log.Data, out var e) ? ApplyChange(e) : RiskChange.None;
    }

    public RiskChange ApplyChange(DecodedEvent e)
    {
        if (!ApplyEngineEvent(e))
            return RiskChange.None;
        return e.Event.Name is "AccountOpened" or "CollateralUpdated" or "PositionUpdated"
            ? new RiskChange(RiskChangeKind.Account, (ulong)(BigInteger)e["accountId"])
            : new RiskChange(RiskChangeKind.Parameters);
    }

    private bool ApplyEngineEvent(DecodedEvent e)
    {
        Record(e);
        var p = book.Parameters;
        switch (e.Event.Name)
        {
            case "EngineCreated":
                p.SetQuote(Addr(e["quote"]), (byte)Int(e["quoteDecimals"]));
                return true;
            case "MarketListed":
            case "MarketUpdated":
                p.Markets[Int(e["marketId"])] = ToMarket((object[])e["params"], (byte)Int(e["feedDecimals"]));
                return true;
            case "CollateralListed":
            {
                var asset = Addr(e["asset"]);
                var index = Int(e["index"]);
                p.CollateralIndexByAsset[asset] = index;
                p.Collaterals[index] = ToCollateral(asset, index, e);
                return true;
            }
            case "CollateralParamsUpdated":
            {
                var asset = Addr(e["asset"]);
                var index = p.CollateralIndexByAsset[asset];
                p.Collaterals[index] = ToCollateral(asset, index, e);
                return true;
            }
            case "CorrelationSet":
                p.SetCorrelation(Int(e["i"]), Int(e["j"]), (Int256)(BigInteger)e["rho"]);
                return true;
            case "PortfolioParamsSet":
                p.Alpha = U(e["alpha"]);
                p.KIm = U(e["kIm"]);
                return true;
            case "KeeperShareSet":
                p.KeeperShare = U(e["keeperShare"]);
                return true;
            case "AccountOpened":
            {
                var id = (ulong)(BigInteger)e["accountId"];
                book.Accounts[id] = new AccountState(id, (MarginMode)Int(e["mode"]));
                return true;
            }
            case "CollateralUpdated":
                ApplyCollateral(e);
                return true;
            case "PositionUpdated":
            {
                var a = book.Account((ulong)(BigInteger)e["accountId"]);
                var market = Int(e["marketId"]);
                a.SetPosition(market, new PositionState(I(e["newSize"]), I(e["newOpenNotional"])));
                book.NetSize[market] += I(e["sizeDelta"]);
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>Journals what <paramref name="e"/> is about to overwrite (no-op without a journal).</summary>
    private void Record(DecodedEvent e)
    {
        if (Journal is not { } j)
            return;
        switch (e.Event.Name)
        {
            case "AccountOpened" or "CollateralUpdated":
                j.Account(book, (ulong)(BigInteger)e["accountId"]);
                break;
            case "PositionUpdated":
                j.Account(book, (ulong)(BigInteger)e["accountId"]);
                j.NetSize(book, Int(e["marketId"]));
                break;
            case "EngineCreated" or "MarketListed" or "MarketUpdated" or "CollateralListed" or "CollateralParamsUpdated"
                or "CorrelationSet" or "PortfolioParamsSet" or "KeeperShareSet":
                j.Parameters(book);
                break;
        }
    }

    private void ApplyCollateral(DecodedEvent e)
    {
        var a = book.Account((ulong)(BigInteger)e["accountId"]);
        var asset = Addr(e["asset"]);
        var newBalance = (BigInteger)e["newBalance"];
        if (asset == book.Parameters.Quote)
            a.QuoteBalance = (Int256)newBalance;
        else
            a.SetBalance(book.Parameters.CollateralIndexByAsset[asset], (UInt256)newBalance);
    }

    private static MarketRisk ToMarket(object[] t, byte feedDecimals) =>
        new(Addr(t[0]), feedDecimals, U(t[2]), U(t[3]), U(t[4]), U(t[5]), U(t[6]), U(t[7]));

    private static CollateralRisk ToCollateral(Address asset, int index, DecodedEvent e)
    {
        var t = (object[])e["params"];
        return new CollateralRisk(asset, index, Addr(t[0]), (byte)Int(e["feedDecimals"]), (byte)Int(e["tokenDecimals"]), U(t[2]), U(t[3]), U(t[4]), Int(t[5]));
    }

    private static int Int(object v) => (int)(BigInteger)v;

    private static UInt256 U(object v) => (UInt256)(BigInteger)v;

    private static Int256 I(object v) => (Int256)(BigInteger)v;

    private static Address Addr(object v) => (Address)v;
}
