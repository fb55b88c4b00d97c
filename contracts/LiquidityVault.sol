// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IMarginEngine} from "./interfaces/IMarginEngine.sol";

/// @title LiquidityVault
/// @notice ERC-4626 over the quote asset. Its LPs are the counterparty to every trade and absorb socialised bad
/// debt. The assets live in the engine's ledger (`vaultBalance`); `totalAssets` is that ledger minus traders'
/// unrealised PnL, so LPs cannot exit ahead of losses that are already on the books.
/// @dev Share-inflation defence: tokens sent to this contract or to the engine never enter `totalAssets` (it is
/// a ledger, not a balance), and 6 decimals of virtual shares make rounding attacks unprofitable.
/// Warning: `totalAssets` reads oracles, so deposits and withdrawals revert while a market's price is stale.
contract LiquidityVault is ERC4626 {
    using SafeERC20 for IERC20;

    IMarginEngine public immutable ENGINE;

    constructor(IERC20 quote, IMarginEngine engine) ERC20("CrossMargin LP", "cmLP") ERC4626(quote) {
        ENGINE = engine;
    }

    function totalAssets() public view override returns (uint256) {
        return ENGINE.vaultAssets();
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        IERC20(asset()).safeTransferFrom(caller, address(ENGINE), assets);
        ENGINE.vaultDeposit(assets);
        _mint(receiver, shares);
        emit Deposit(caller, receiver, assets, shares);
    }

    function _withdraw(address caller, address receiver, address owner, uint256 assets, uint256 shares)
        internal
        override
    {
        if (caller != owner) _spendAllowance(owner, caller, shares);
        _burn(owner, shares);
        ENGINE.vaultWithdraw(receiver, assets);
        emit Withdraw(caller, receiver, owner, assets, shares);
    }
}
