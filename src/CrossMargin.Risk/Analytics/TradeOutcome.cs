using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Analytics;

/// <summary>A simulated trade: health after, fee and realised PnL (quote units), and whether _enforceMargin lets it through.</summary>
public readonly record struct TradeOutcome(Health Before, Health After, UInt256 Fee, Int256 RealizedPnl, bool MarginOk);
