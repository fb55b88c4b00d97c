// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Mode, CollateralParams, MarketParams} from "../interfaces/IMarginEngine.sol";

/// @notice Every event of the margin engine. Each carries the post-state it produced, so indexers upsert
/// rows without re-implementing contract maths.
library EventsLib {
    event AccountOpened(uint256 indexed accountId, address indexed owner, Mode mode);
    event OperatorSet(uint256 indexed accountId, address indexed operator, bool approved);
    /// @param delta signed change in the asset's balance, in the token's decimals.
    /// @param newBalance the balance afterwards (negative only for quote debt).
    event CollateralUpdated(
        uint256 indexed accountId, address indexed asset, int256 delta, int256 newBalance, uint8 reason
    );
    event PositionUpdated(
        uint256 indexed accountId,
        uint256 indexed marketId,
        int256 sizeDelta,
        uint256 price,
        int256 newSize,
        int256 newOpenNotional,
        int256 realizedPnl,
        uint256 fee
    );
    event Liquidated(
        uint256 indexed accountId,
        address indexed liquidator,
        uint256 fraction,
        uint256 penalty,
        uint256 reward,
        uint256 newInsuranceFund
    );
    event CollateralLiquidated(
        uint256 indexed accountId, address indexed liquidator, address indexed asset, uint256 repaid, uint256 seized
    );
    event BadDebtSettled(
        uint256 indexed accountId, uint256 amount, uint256 fromInsurance, uint256 socialized, uint256 newInsuranceFund
    );
    event InsuranceFunded(address indexed from, uint256 amount, uint256 newInsuranceFund);
    event VaultBalanceUpdated(int256 delta, int256 newVaultBalance);
    /// @notice Emitted once, by the constructor, so a mirror needs no call to learn the settlement asset.
    /// @param quoteDecimals the quote token's decimals() as read at construction (QUOTE_SCALE = 10^(18 - it)).
    event EngineCreated(address indexed quote, uint8 quoteDecimals);
    /// @dev Listing and parameter events carry the decimals the engine read and stored (token decimals at listing,
    /// feed decimals at every (re)configuration), so the risk model is rebuilt from events without eth_call.
    event CollateralListed(
        address indexed asset, uint8 index, CollateralParams params, uint8 tokenDecimals, uint8 feedDecimals
    );
    event CollateralParamsUpdated(
        address indexed asset, CollateralParams params, uint8 tokenDecimals, uint8 feedDecimals
    );
    event MarketListed(uint256 indexed marketId, MarketParams params, uint8 feedDecimals);
    event MarketUpdated(uint256 indexed marketId, MarketParams params, uint8 feedDecimals);
    event CorrelationSet(uint256 indexed i, uint256 indexed j, int256 rho);
    event PortfolioParamsSet(uint256 alpha, uint256 kIm);
    event KeeperShareSet(uint256 keeperShare);
    event VaultSet(address indexed vault);
}
