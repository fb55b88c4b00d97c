// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract LiquidateCollateralTest is UnitBase {
    uint8 internal constant REASON_SEIZED = 4;
    uint8 internal constant REASON_REPAID = 5;

    function setUp() public override {
        super.setUp();
        usdc.mint(KEEPER, 100_000e6);
    }

    /// wethDebtAccount(1,750): 1 WETH (NLV_hm 1,575) against 1,611.2 debt. Repaying 1,000 seizes
    /// 1,050 / 1,750 = 0.6 WETH: NLV_hm = 630 - 611.2 = 18.8 >= 0 and NLV_hi = 595 - 611.2 <= 0.
    function test_liquidateCollateral_partialEmitsPostState() public {
        uint256 id = wethDebtAccount(1_750e18);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), 1_000e6, -611.2e6, REASON_REPAID);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(weth), -0.6e18, 0.4e18, REASON_SEIZED);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralLiquidated(id, KEEPER, address(weth), 1_000e6, 0.6e18);
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 1_000e6);
        vm.assertEq(usdc.balanceOf(KEEPER), 99_000e6, "liquidator paid the repay");
        vm.assertEq(weth.balanceOf(KEEPER), 0.6e18, "liquidator received collateral");
        vm.assertEq(engine.collateralBalanceOf(id, address(weth)), 0.4e18, "balance after");
        vm.assertEq(quoteBalanceOf(id), -611.2e6, "debt after");
    }

    /// An asset the account does not hold cannot be seized (it used to succeed with zero amounts).
    function test_liquidateCollateral_revertsWhenAssetNotHeld() public {
        uint256 id = wethDebtAccount(1_750e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientBalance.selector, address(wbtc), 0, 1_000e6));
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(wbtc), 1_000e6);
    }

    function test_liquidateCollateral_revertsOnUnderLiquidation() public {
        uint256 id = wethDebtAccount(1_750e18);
        // Repay 100 seizes 0.06: NLV_hm = 0.94 * 1,750 * 0.9 - 1,511.2 = -30.7.
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientLiquidation.selector, id, -30.7e18, 0));
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 100e6);
    }

    /// Repaying all 1,611.2 (maxRepay is capped at the debt) leaves 0.03328 WETH: NLV_hi 49.504 > tolerance 0.
    function test_liquidateCollateral_revertsOnOverLiquidation() public {
        uint256 id = wethDebtAccount(1_750e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OverLiquidation.selector, id, 49.504e18, 0));
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 10_000e6);
    }

    /// 10 WETH, long 2 BTC (fee 60 => debt 60), BTC at 53,000: liquidatable; repay is capped at the 60 debt.
    function test_liquidateCollateral_cappedAtDebt() public {
        uint256 id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, weth, 10e18);
        tradeAt(ALICE, id, BTC, 2e18);
        setPrice(btcFeed, 53_000e18);
        vm.assertTrue(isLiquidatable(id), "scenario is liquidatable");
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralLiquidated(id, KEEPER, address(weth), 60e6, 0.0315e18);
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 1_000e6);
        vm.assertEq(quoteBalanceOf(id), 0, "debt repaid in full");
        vm.assertEq(usdc.balanceOf(KEEPER), 100_000e6 - 60e6, "only the debt was taken from the liquidator");
    }

    /// At 1,500 the 1 WETH is worth less than debt * 1.05: the whole balance is seized for 1,500 / 1.05 rounded up.
    function test_liquidateCollateral_cappedAtBalance() public {
        uint256 id = wethDebtAccount(1_500e18);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), 1_428.571429e6, -182.628571e6, REASON_REPAID);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(weth), -1e18, 0, REASON_SEIZED);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralLiquidated(id, KEEPER, address(weth), 1_428.571429e6, 1e18);
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 1_611.2e6);
        (,,,, uint16 mask) = engine.accountInfo(id);
        vm.assertEq(uint256(mask), 0, "collateral mask cleared");
        vm.assertEq(weth.balanceOf(KEEPER), 1e18, "whole balance seized");
    }

    function test_liquidateCollateral_revertsOnZeroAmount() public {
        uint256 id = wethDebtAccount(1_750e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
        engine.liquidateCollateral(id, address(weth), 0);
    }

    function test_liquidateCollateral_revertsOnQuoteOrUnknownAsset() public {
        uint256 id = wethDebtAccount(1_750e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAsset.selector, address(usdc)));
        engine.liquidateCollateral(id, address(usdc), 1e6);
    }

    function test_liquidateCollateral_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(8)));
        engine.liquidateCollateral(8, address(weth), 1e6);
    }

    function test_liquidateCollateral_revertsWhenHealthy() public {
        uint256 id = wethDebtAccount(2_000e18); // NLV_hm = 1,800 - 1,611.2
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotLiquidatable.selector, id, 188.8e18, 0));
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 1e6);
    }

    function test_liquidateCollateral_revertsWithoutDebt() public {
        uint256 id = liquidatableEthAccount(); // liquidatable, but its quote balance is positive
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoDebt.selector, id));
        vm.prank(KEEPER);
        engine.liquidateCollateral(id, address(weth), 1e6);
    }

    /// Buying one's own collateral at the bonus moves value between wallet and account, never creates it.
    function test_liquidateCollateral_selfLiquidationIsNeverProfitable() public {
        uint256 id = wethDebtAccount(1_750e18);
        usdc.mint(ALICE, 1_000e6);
        int256 before = _ownerValue(id);
        vm.prank(ALICE);
        engine.liquidateCollateral(id, address(weth), 1_000e6);
        vm.assertLe(_ownerValue(id), before, "owner's wallet plus account value does not grow");
    }

    function testFuzz_liquidateCollateral_neverSeizesMoreThanBonusWorth(uint256 repay, uint256 price) public {
        price = bound(price, 1_000e18, 1_790e18);
        repay = bound(repay, 1, 2_000e6);
        uint256 id = wethDebtAccount(price);
        price = engine.collateralPrice(address(weth)); // the feed keeps 8 decimals
        vm.prank(KEEPER);
        try engine.liquidateCollateral(id, address(weth), repay) {
            uint256 paid = 100_000e6 - usdc.balanceOf(KEEPER);
            uint256 seized = weth.balanceOf(KEEPER);
            vm.assertLe(paid, 1_611.2e6, "never repays more than the debt");
            vm.assertLe(paid, repay, "never more than asked");
            vm.assertLe(seized, 1e18, "never more than the balance");
            vm.assertLe(seized * price / 1e18, paid * 1e12 * 105 / 100, "seized value <= repaid * (1 + bonus)");
        } catch (bytes memory err) {
            bytes4 sel = bytes4(err);
            vm.assertTrue(
                sel == ErrorsLib.OverLiquidation.selector || sel == ErrorsLib.InsufficientLiquidation.selector,
                "only the liquidation-size checks may refuse"
            );
        }
    }

    function _ownerValue(uint256 id) internal view returns (int256) {
        uint256 wethPrice = engine.collateralPrice(address(weth));
        uint256 wallet = usdc.balanceOf(ALICE) * 1e12 + weth.balanceOf(ALICE) * wethPrice / 1e18;
        uint256 held = engine.collateralBalanceOf(id, address(weth)) * wethPrice / 1e18;
        return int256(wallet + held) + quoteBalanceOf(id) * 1e12;
    }
}
