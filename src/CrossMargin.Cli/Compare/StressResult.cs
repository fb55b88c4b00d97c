using CrossMargin.Risk.Model;

namespace CrossMargin.Cli.Compare;

/// <summary>Stress replay totals over all paths for one mode: <see cref="EquityUsd"/> is the books' Σ NLV_hi at the start of
/// every path; the other USD amounts come from the events (quote units / 1e6).</summary>
internal sealed record ModeStress(
    MarginMode Mode,
    int Accounts,
    decimal EquityUsd,
    int PathsWithLiquidation,
    int AccountsLiquidated,
    int Liquidations,
    int CollateralLiquidations,
    decimal PenaltiesUsd,
    int BadDebtAccounts,
    decimal BadDebtUsd,
    int LiquidatableAtEnd);

/// <summary>One portfolio in one mode: in how many paths any of its accounts was liquidated, and its bad debt.</summary>
internal sealed record PortfolioStress(string Portfolio, MarginMode Mode, int PathsLiquidated, decimal BadDebtUsd);

internal sealed record StressResult(int Paths, int Steps, int Seed, IReadOnlyList<ModeStress> Modes, IReadOnlyList<PortfolioStress> Portfolios, int KeeperTransactions);
