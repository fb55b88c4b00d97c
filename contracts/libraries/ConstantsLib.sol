// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @dev 1.0 in 18-decimal fixed point. Prices, USD values and parameters are WAD.
uint256 constant WAD = 1e18;

/// @dev Highest market id; market ids are 1..MAX_MARKETS so an account's markets fit a uint64 bitmap.
uint256 constant MAX_MARKETS = 32;

/// @dev Most collateral assets (besides the quote asset); indices 0..15 fit a uint16 bitmap.
uint256 constant MAX_COLLATERALS = 16;

/// @dev Most open positions one account may hold. Bounds every per-account loop (with MAX_COLLATERALS).
uint256 constant MAX_ACCOUNT_POSITIONS = 8;

/// @dev Over-liquidation tolerance: after a liquidation `NLV_hi - IM` may exceed 0 by at most
/// `MM_before * LIQUIDATION_TOLERANCE / WAD` (0.1% of the maintenance requirement before the call).
uint256 constant LIQUIDATION_TOLERANCE = 0.001e18;

/// @dev Parameter bounds (WAD) checked on every listing and update.
uint256 constant MAX_IMF = 0.5e18; // 2x leverage floor
uint256 constant MAX_SIGMA = 0.5e18; // 50% margin-period shock
uint256 constant MAX_TAKER_FEE = 0.01e18; // 1%
uint256 constant MAX_HAIRCUT = 0.95e18;
uint256 constant MAX_BONUS = 0.2e18; // 20% collateral liquidation bonus
uint256 constant MAX_K_IM = 2e18;
uint256 constant MIN_ALPHA = 0.1e18; // the PORTFOLIO floor never drops below 10% of the CROSS requirement
uint256 constant MAX_CORRELATION = 0.99e18; // |rho| <= 0.99: no pair of markets nets to zero risk
/// @dev setCorrelation accepts R iff the LDL' pivots of R + PSD_TOLERANCE * I are all >= PSD_TOLERANCE / 2: every PSD R
/// passes, every accepted R has smallest eigenvalue > -1e-6.
uint256 constant PSD_TOLERANCE = 1e12;
uint256 constant MAX_HEARTBEAT = 7 days;

/// @dev Reasons carried by CollateralUpdated.
uint8 constant REASON_DEPOSIT = 0;
uint8 constant REASON_WITHDRAW = 1;
uint8 constant REASON_SETTLEMENT = 2; // realised PnL minus taker fee of a trade
uint8 constant REASON_PENALTY = 3; // realised PnL minus penalty of a liquidation
uint8 constant REASON_SEIZED = 4; // collateral taken by liquidateCollateral
uint8 constant REASON_REPAID = 5; // quote debt repaid by a collateral liquidator
uint8 constant REASON_BAD_DEBT = 6; // debt written off by settleBadDebt
