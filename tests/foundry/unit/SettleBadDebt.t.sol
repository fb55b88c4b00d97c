// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract SettleBadDebtTest is UnitBase {
    uint8 internal constant REASON_BAD_DEBT = 6;
    uint256 internal constant DEBT = 182.628571e6;

    /// wethDebtAccount at 1,500, then its 1 WETH is seized for 1,428.571429: no positions, no collateral,
    /// quote -182.628571.
    function badDebtAccount() internal returns (uint256 id) {
        id = wethDebtAccount(1_500e18);
        usdc.mint(KEEPER, 2_000e6);
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 1_611.2e6);
        vm.assertEq(quoteBalanceOf(id), -int256(DEBT), "scenario debt");
    }

    function fundInsurance(uint256 amount) internal {
        usdc.mint(BOB, amount);
        vm.prank(BOB);
        engine.fundInsurance(amount);
    }

    function test_settleBadDebt_insuranceCoversAll() public {
        uint256 id = badDebtAccount();
        fundInsurance(1_000e6);
        int256 vaultBefore = engine.vaultBalance();
        uint256 navBefore = engine.vaultAssets();
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), int256(DEBT), 0, REASON_BAD_DEBT);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.BadDebtSettled(id, DEBT, DEBT, 0, 1_000e6 - DEBT);
        engine.settleBadDebt(id);
        vm.assertEq(quoteBalanceOf(id), 0, "debt written off");
        vm.assertEq(engine.insuranceFund(), 1_000e6 - DEBT, "insurance paid");
        vm.assertEq(engine.vaultBalance(), vaultBefore, "vault untouched");
        vm.assertEq(engine.vaultAssets(), navBefore, "NAV untouched");
    }

    function test_settleBadDebt_insuranceFirstThenVault() public {
        uint256 id = badDebtAccount();
        fundInsurance(100e6);
        int256 vaultBefore = engine.vaultBalance();
        uint256 navBefore = engine.vaultAssets();
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.VaultBalanceUpdated(-int256(DEBT - 100e6), vaultBefore - int256(DEBT - 100e6));
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), int256(DEBT), 0, REASON_BAD_DEBT);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.BadDebtSettled(id, DEBT, 100e6, DEBT - 100e6, 0);
        vm.prank(KEEPER);
        engine.settleBadDebt(id);
        vm.assertEq(engine.insuranceFund(), 0, "insurance exhausted");
        vm.assertEq(engine.vaultAssets(), navBefore - (DEBT - 100e6), "LPs absorb the rest: NAV drops");
    }

    function test_settleBadDebt_socialisedWithoutInsurance() public {
        uint256 id = badDebtAccount();
        uint256 navBefore = engine.vaultAssets();
        uint256 lpValueBefore = vault.previewRedeem(vault.balanceOf(LP));
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.BadDebtSettled(id, DEBT, 0, DEBT, 0);
        engine.settleBadDebt(id);
        vm.assertEq(engine.vaultAssets(), navBefore - DEBT, "NAV drops by the whole debt");
        vm.assertLt(vault.previewRedeem(vault.balanceOf(LP)), lpValueBefore, "LP shares lost value");
    }

    /// Full close at 1,760 leaves -1,400 with 880 of its own penalty in insurance: 880 insured, 520 socialised.
    /// At 1,700 the account's equity is 9,960 - 12,000 = -2,040 before the liquidation: the penalty is capped at zero
    /// (no equity left to charge), so the debt settled is exactly that deficit, all socialised (no insurance yet).
    function test_settleBadDebt_afterFullLiquidation() public {
        uint256 id = liquidatableEthAccount();
        setPrice(ethFeed, 1_700e18);
        vm.prank(KEEPER);
        engine.liquidate(id, WAD);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.BadDebtSettled(id, 2_040e6, 0, 2_040e6, 0);
        engine.settleBadDebt(id);
    }

    function test_settleBadDebt_revertsWithCollateral() public {
        uint256 id = wethDebtAccount(1_500e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AccountNotEmpty.selector, id));
        engine.settleBadDebt(id);
    }

    function test_settleBadDebt_revertsWithPositions() public {
        uint256 id = liquidatableEthAccount();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AccountNotEmpty.selector, id));
        engine.settleBadDebt(id);
    }

    function test_settleBadDebt_revertsWithoutDebt() public {
        uint256 id = open(ALICE, Mode.CROSS);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoDebt.selector, id));
        engine.settleBadDebt(id);
        fund(ALICE, id, usdc, 1e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoDebt.selector, id));
        engine.settleBadDebt(id);
    }

    function test_settleBadDebt_revertsWhenSettledTwice() public {
        uint256 id = badDebtAccount();
        engine.settleBadDebt(id);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoDebt.selector, id));
        engine.settleBadDebt(id);
    }

    function test_settleBadDebt_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(77)));
        engine.settleBadDebt(77);
    }

    /// tokens held == sum of quote balances + insurance + vault ledger, through the whole bad-debt path.
    function test_settleBadDebt_keepsTheLedgerBalanced() public {
        uint256 id = badDebtAccount();
        fundInsurance(50e6);
        engine.settleBadDebt(id);
        int256 claims = quoteBalanceOf(id) + int256(engine.insuranceFund()) + engine.vaultBalance();
        vm.assertEq(int256(usdc.balanceOf(address(engine))), claims, "ledger matches tokens");
    }
}
