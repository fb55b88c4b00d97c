// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice ISOLATED: at most one market; CROSS: all positions share the collateral; PORTFOLIO: CROSS plus
/// correlation-aware requirements where linked collateral joins the exposure of its market.
enum Mode {
    ISOLATED,
    CROSS,
    PORTFOLIO
}

/// @notice A Chainlink feed with its heartbeat; `decimals` is read from the feed at listing time.
struct Feed {
    address aggregator;
    uint32 heartbeat;
    uint8 decimals;
}

/// @notice Risk parameters of a collateral asset (WAD fractions).
/// @param hm maintenance haircut, @param hi initial haircut (hi >= hm), @param cap total deposit cap in token units,
/// @param bonus collateral-liquidation bonus, @param linkedMarket market whose underlying this is (0 = none).
struct CollateralParams {
    address aggregator;
    uint32 heartbeat;
    uint64 hm;
    uint64 hi;
    uint64 bonus;
    uint8 linkedMarket;
    uint128 cap;
}

/// @notice Risk parameters of a perpetual market (WAD fractions; maxOpenInterest in base units, WAD).
struct MarketParams {
    address aggregator;
    uint32 heartbeat;
    uint64 imf;
    uint64 mmf;
    uint64 sigma;
    uint64 liquidationFee;
    uint64 takerFee;
    uint128 maxOpenInterest;
}

/// @notice A position: signed size in base units (WAD) and the signed USD cost basis (WAD).
struct Position {
    int128 size;
    int128 openNotional;
}

/// @notice The margin state of an account at the current oracle prices (USD, WAD).
struct Health {
    int256 nlvMaint;
    int256 nlvInit;
    uint256 mm;
    uint256 im;
}

/// @title IMarginEngine
/// @notice Cross-margin accounts over several collateral tokens backing perpetual positions, with portfolio margin.
/// @dev Units: prices and USD values are WAD; token balances are in the token's decimals; sizes are signed WAD.
/// Every rounding favours the protocol (requirements, fees and debts up; collateral value and payouts down).
interface IMarginEngine {
    /// @notice Opens a margin account owned by the caller. Returns its id (ids start at 1).
    function openAccount(uint8 mode) external returns (uint256 accountId);

    /// @notice Approves or revokes an operator, who may deposit, withdraw (to itself) and trade for the account.
    /// @dev Warning: an operator can withdraw everything; approve only contracts or people you trust fully.
    function setOperator(uint256 accountId, address operator, bool approved) external;

    /// @notice Deposits `amount` of the quote asset or a listed collateral from the caller into the account.
    function deposit(uint256 accountId, address asset, uint256 amount) external;

    /// @notice Withdraws to the caller; allowed only if NLV_hi >= IM afterwards.
    /// @dev Only a positive quote balance can be withdrawn: the engine does not lend quote.
    function withdraw(uint256 accountId, address asset, uint256 amount) external;

    /// @notice Trades `sizeDelta` (signed WAD base units) at the oracle price against the liquidity vault.
    /// @param priceLimit the highest price a buy accepts, the lowest a sell accepts (WAD).
    function trade(uint256 accountId, uint256 marketId, int256 sizeDelta, uint256 priceLimit) external;

    /// @notice Closes `fraction` (WAD) of every position of a liquidatable account (NLV_hm < MM) at oracle prices.
    /// @dev Accepted only if afterwards NLV_hi - IM <= MM_before * LIQUIDATION_TOLERANCE and, unless
    /// fraction == 1e18, NLV_hm >= MM. The caller receives the keeper share of the penalty in quote.
    function liquidate(uint256 accountId, uint256 fraction) external;

    /// @notice Repays up to `maxRepay` of a liquidatable account's quote debt and receives `asset` worth
    /// repaid * (1 + bonus) at the oracle price. The same over-liquidation rule as `liquidate` applies, where
    /// repaying the whole debt or seizing the whole balance counts as complete.
    function liquidateCollateral(uint256 accountId, address asset, uint256 maxRepay) external;

    /// @notice Writes off the quote debt of an account with no positions and no collateral: the insurance fund
    /// pays first, the liquidity vault absorbs the rest.
    function settleBadDebt(uint256 accountId) external;

    /// @notice Adds quote tokens from the caller to the insurance fund.
    function fundInsurance(uint256 amount) external;

    /// @notice The account's margin state at current oracle prices.
    function health(uint256 accountId) external view returns (int256 nlvMaint, int256 nlvInit, uint256 mm, uint256 im);

    /// @notice `health` for many accounts in one call.
    function healthBatch(uint256[] calldata accountIds) external view returns (Health[] memory);

    /// @notice Vault-only: credits LP assets the vault has already transferred to the engine.
    function vaultDeposit(uint256 assets) external;

    /// @notice Vault-only: debits LP assets and pays them to `receiver`.
    function vaultWithdraw(address receiver, uint256 assets) external;

    /// @notice The vault's net asset value: its ledger balance minus traders' unrealised PnL (rounded down).
    function vaultAssets() external view returns (uint256);
}
