using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Model;

/// <summary>
/// One margin account as the contract stores it: mode, signed quote balance (quote units), collateral balances by
/// index (token units) and positions by market id. The masks mirror the contract's bitmaps (bit set ⇔ non-zero).
/// </summary>
public sealed class AccountState
{
    public AccountState(ulong id, MarginMode mode)
    {
        Id = id;
        Mode = mode;
    }

    public ulong Id { get; }

    public MarginMode Mode { get; }

    public Int256 QuoteBalance { get; set; }

    public UInt256[] Balances { get; } = new UInt256[RiskConstants.MaxCollaterals];

    public PositionState[] Positions { get; } = new PositionState[RiskConstants.MaxMarkets + 1];

    public ushort CollateralMask { get; private set; }

    public ulong MarketMask { get; private set; }

    public void SetBalance(int index, UInt256 balance)
    {
        Balances[index] = balance;
        CollateralMask = balance.IsZero ? (ushort)(CollateralMask & ~(1 << index)) : (ushort)(CollateralMask | (1 << index));
    }

    public void SetPosition(int marketId, PositionState position)
    {
        Positions[marketId] = position;
        MarketMask = position.Size.IsZero ? MarketMask & ~(1UL << marketId) : MarketMask | (1UL << marketId);
    }

    public AccountState Clone()
    {
        var copy = new AccountState(Id, Mode) { QuoteBalance = QuoteBalance };
        Balances.CopyTo(copy.Balances, 0);
        Positions.CopyTo(copy.Positions, 0);
        copy.CollateralMask = CollateralMask;
        copy.MarketMask = MarketMask;
        return copy;
    }
}
