// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Every custom error of the margin engine and its vault.
library ErrorsLib {
    /// @notice Thrown when the caller is neither the account's owner nor an approved operator.
    error Unauthorized(uint256 accountId, address caller);
    /// @notice Thrown when an account id was never opened.
    error UnknownAccount(uint256 accountId);
    /// @notice Thrown when a mode is not ISOLATED (0), CROSS (1) or PORTFOLIO (2).
    error InvalidMode(uint8 mode);
    /// @notice Thrown when an amount or size is zero.
    error ZeroAmount();
    /// @notice Thrown when an address argument is zero.
    error ZeroAddress();
    /// @notice Thrown when an asset is neither the quote asset nor listed collateral.
    error UnknownAsset(address asset);
    /// @notice Thrown when a market id is not listed.
    error UnknownMarket(uint256 marketId);
    /// @notice Thrown when a listing already exists.
    error AlreadyListed(address asset);
    /// @notice Thrown when no more markets or collaterals can be listed.
    error ListingLimit();
    /// @notice Thrown when a deposit would push an asset's total deposits over its cap.
    error DepositCapExceeded(address asset, uint256 total, uint256 cap);
    /// @notice Thrown when a withdrawal exceeds the account's balance of the asset.
    error InsufficientBalance(address asset, uint256 balance, uint256 amount);
    /// @notice Thrown when an action would leave the account below initial margin and did not reduce risk.
    error InsufficientMargin(uint256 accountId, int256 nlvInit, uint256 im);
    /// @notice Thrown when the oracle price is worse for the trader than their limit.
    error PriceLimitExceeded(uint256 price, uint256 limit);
    /// @notice Thrown when an ISOLATED account trades a second market.
    error IsolatedMarketTaken(uint256 accountId, uint256 openMarketId);
    /// @notice Thrown when an account would hold more than MAX_ACCOUNT_POSITIONS positions.
    error TooManyPositions(uint256 accountId);
    /// @notice Thrown when a trade would push a side's open interest over the market's cap.
    error OpenInterestCapExceeded(uint256 marketId, uint256 openInterest, uint256 cap);
    /// @notice Thrown when a feed answers zero or a negative price.
    error InvalidPrice(address feed, int256 answer);
    /// @notice Thrown when a feed's last update is older than its heartbeat.
    error StalePrice(address feed, uint256 updatedAt);
    /// @notice Thrown when a liquidation targets an account with NLV_hm >= MM.
    error NotLiquidatable(uint256 accountId, int256 nlvMaint, uint256 mm);
    /// @notice Thrown when a liquidation fraction is 0 or above 1e18.
    error InvalidFraction(uint256 fraction);
    /// @notice Thrown when `liquidate` targets an account without positions.
    error NoPositions(uint256 accountId);
    /// @notice Thrown when a liquidation would leave NLV_hi - IM above the tolerance.
    error OverLiquidation(uint256 accountId, int256 surplusInit, uint256 tolerance);
    /// @notice Thrown when a partial liquidation does not restore NLV_hm >= MM.
    error InsufficientLiquidation(uint256 accountId, int256 nlvMaint, uint256 mm);
    /// @notice Thrown when a collateral liquidation or bad-debt settlement finds no quote debt.
    error NoDebt(uint256 accountId);
    /// @notice Thrown when bad debt is settled on an account that still holds positions or collateral.
    error AccountNotEmpty(uint256 accountId);
    /// @notice Thrown when a risk parameter is outside its documented bounds.
    error InvalidParameter(string name, uint256 value);
    /// @notice Thrown when a correlation is outside [-0.99, 0.99], names a diagonal or unknown market, or would make the
    /// correlation matrix of the listed markets not positive semi-definite.
    error InvalidCorrelation(uint256 i, uint256 j, int256 rho);
    /// @notice Thrown when a vault-only entry point is called by another address, or the vault is set twice.
    error OnlyVault(address caller);
    /// @notice Thrown when the engine's quote tokens cannot cover a payout (debts not yet repaid).
    error InsufficientLiquidity(uint256 available, uint256 requested);
}
