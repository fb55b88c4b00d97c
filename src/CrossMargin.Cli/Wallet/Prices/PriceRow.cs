using System.Numerics;

namespace CrossMargin.Cli.Wallet.Prices;

/// <summary>One valid CSV row: its line number, ordering key (step or timestamp), market and raw feed answer.</summary>
internal sealed record PriceRow(int Line, BigInteger Key, Market Market, BigInteger Answer);
