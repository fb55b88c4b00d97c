// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, Health, MarketParams} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract LiquidateTest is UnitBase {
    uint8 internal constant REASON_PENALTY = 3;

    function test_liquidate_revertsWhenHealthy() public {
        uint256 id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 10_000e6);
        tradeAt(ALICE, id, ETH, 40e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NotLiquidatable.selector, id, 9_960e18, 4_000e18));
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);
    }

    function test_liquidate_revertsOnInvalidFraction() public {
        uint256 id = liquidatableEthAccount();
        vm.startPrank(KEEPER);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidFraction.selector, uint256(0)));
        engine.liquidate(id, 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidFraction.selector, WAD + 1));
        engine.liquidate(id, WAD + 1);
        vm.stopPrank();
    }

    function test_liquidate_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(3)));
        engine.liquidate(3, 0.5e18);
    }

    function test_liquidate_revertsWithoutPositions() public {
        uint256 id = wethDebtAccount(1_750e18); // liquidatable by its collateral, holds no positions
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.NoPositions.selector, id));
        engine.liquidate(id, WAD);
    }

    /// f = 0.5 at 1,840: closes 20 ETH (realised -3,200, penalty 920, reward 460), leaving NLV 2,640 >= MM 1,840.
    function test_liquidate_partialEmitsPostStateAndPaysKeeper() public {
        uint256 id = liquidatableEthAccount();
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, -20e18, 1_840e18, 20e18, 40_000e18, -3_200e6, 920e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), -4_120e6, 5_840e6, REASON_PENALTY);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.Liquidated(id, KEEPER, 0.5e18, 920e6, 460e6, 460e6);
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);

        vm.assertEq(usdc.balanceOf(KEEPER), 460e6, "keeper share paid");
        vm.assertEq(engine.insuranceFund(), 460e6, "insurance keeps the rest");
        vm.assertEq(quoteBalanceOf(id), 5_840e6, "quote after");
        vm.assertEq(engine.vaultBalance(), int256(VAULT_SEED + 40e6 + 3_200e6), "vault took the realised loss");
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvMaint, 2_640e18, "NLV after");
        vm.assertEq(h.mm, 1_840e18, "MM after");
        vm.assertFalse(isLiquidatable(id), "restored");
    }

    /// Alice (long 40) is liquidatable while Bob's short makes the vault's net exposure -20 = the cap: closing half of
    /// Alice's long grows |net| to 40, which a trade could not do, and the liquidation must still go through.
    function test_liquidate_ignoresOpenInterestCap() public {
        uint256 id = liquidatableEthAccount();
        uint256 bid = open(BOB, Mode.CROSS);
        fund(BOB, bid, usdc, 100_000e6);
        tradeAt(BOB, bid, ETH, -60e18);
        MarketParams memory p = defaultMarket(ethFeed);
        p.maxOpenInterest = 20e18;
        vm.prank(OWNER);
        engine.updateMarket(ETH, p);
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);
        (int256 netSize,) = engine.openInterest(ETH);
        vm.assertEq(netSize, -40e18, "net exposure grew past the cap through the liquidation");
        vm.assertFalse(isLiquidatable(id), "restored");
    }

    function test_liquidate_closesEveryMarketByTheFraction() public {
        uint256 id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 20_000e6);
        tradeAt(ALICE, id, ETH, 40e18);
        tradeAt(ALICE, id, BTC, 1e18);
        setPrice(ethFeed, 1_800e18);
        setPrice(btcFeed, 54_000e18); // NLV 5,930 < MM 6,300
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, -20e18, 1_800e18, 20e18, 40_000e18, -4_000e6, 900e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, BTC, -0.5e18, 54_000e18, 0.5e18, 30_000e18, -3_000e6, 675e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.Liquidated(id, KEEPER, 0.5e18, 1_575e6, 787.5e6, 787.5e6);
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);
        vm.assertEq(quoteBalanceOf(id), 11_355e6, "19,930 - 7,000 realised - 1,575 penalty");
    }

    /// f = 0.05 closes 2 ETH: NLV 3,468 stays below MM 3,496.
    function test_liquidate_revertsOnUnderLiquidation() public {
        uint256 id = liquidatableEthAccount();
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.InsufficientLiquidation.selector, id, 3_468e18, 3_496e18)
        );
        vm.prank(KEEPER);
        engine.liquidate(id, 0.05e18);
    }

    /// f = 0.8 leaves NLV_hi 2,088 against IM 1,472: surplus 616 > 0.1% of MM 3,680.
    function test_liquidate_revertsOnOverLiquidation() public {
        uint256 id = liquidatableEthAccount();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OverLiquidation.selector, id, 616e18, 3.68e18));
        vm.prank(KEEPER);
        engine.liquidate(id, 0.8e18);
    }

    function test_liquidate_fullCloseRefusedWhenAFractionCouldRestore() public {
        uint256 id = liquidatableEthAccount();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OverLiquidation.selector, id, 1_720e18, 3.68e18));
        vm.prank(KEEPER);
        engine.liquidate(id, WAD);
    }

    /// At 1,760 no fraction restores MM (-3,160 + 1,760 f < 0), so only a full close passes, leaving debt.
    function test_liquidate_fullCloseAllowedWhenNothingRestores() public {
        uint256 id = liquidatableEthAccount();
        setPrice(ethFeed, 1_760e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientLiquidation.selector, id, -520e18, 1_760e18));
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);

        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, -40e18, 1_760e18, 0, 0, -9_600e6, 1_760e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), -11_360e6, -1_400e6, REASON_PENALTY);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.Liquidated(id, KEEPER, WAD, 1_760e6, 880e6, 880e6);
        vm.prank(KEEPER);
        engine.liquidate(id, WAD);
        (,,, uint64 mask,) = engine.accountInfo(id);
        vm.assertEq(uint256(mask), 0, "no positions left");
        (int256 netSize, int256 net) = engine.openInterest(ETH);
        vm.assertEq(netSize, 0, "open interest released");
        vm.assertEq(net, 0, "net open notional released");
    }

    function test_liquidate_keeperShareFollowsParameter() public {
        vm.prank(OWNER);
        engine.setKeeperShare(0.2e18);
        uint256 id = liquidatableEthAccount();
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.Liquidated(id, KEEPER, 0.5e18, 920e6, 184e6, 736e6);
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);
        vm.assertEq(usdc.balanceOf(KEEPER), 184e6, "20% reward");
        vm.assertEq(engine.insuranceFund(), 736e6, "80% to insurance");
    }

    /// The owner liquidating their own account loses the insurance share of the penalty.
    function test_liquidate_selfLiquidationIsNeverProfitable() public {
        uint256 id = liquidatableEthAccount();
        int256 before = int256(usdc.balanceOf(ALICE) * 1e12) + healthOf(id).nlvMaint;
        vm.prank(ALICE);
        engine.liquidate(id, 0.5e18);
        int256 afterValue = int256(usdc.balanceOf(ALICE) * 1e12) + healthOf(id).nlvMaint;
        vm.assertLt(afterValue, before, "self-liquidation lowers the owner's total value");
        vm.assertEq(before - afterValue, 460e18, "by exactly the insurance share");
    }

    function test_liquidate_anyoneMayLiquidate() public {
        uint256 id = liquidatableEthAccount();
        vm.prank(BOB);
        engine.liquidate(id, 0.5e18);
        vm.assertEq(usdc.balanceOf(BOB), 460e6, "an arbitrary caller earns the reward");
    }

    function test_liquidate_revertsOnStalePrice() public {
        uint256 id = liquidatableEthAccount();
        uint256 updatedAt = START_TIME;
        vm.warp(START_TIME + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.StalePrice.selector, address(ethFeed), updatedAt));
        engine.liquidate(id, 0.5e18);
    }

    function testFuzz_liquidate_acceptedFractionsRestoreWithoutOverLiquidating(uint256 fraction, uint256 price)
        public
    {
        fraction = bound(fraction, 1, WAD);
        price = bound(price, 1_600e18, 1_843e18); // liquidatable below 70,040 / 38 = 1,843.16
        uint256 id = liquidatableEthAccount();
        setPrice(ethFeed, price);
        Health memory before = healthOf(id);
        vm.prank(KEEPER);
        try engine.liquidate(id, fraction) {
            Health memory h = healthOf(id);
            vm.assertLe(h.nlvInit - int256(h.im), int256(before.mm / 1000), "no over-liquidation");
            if (fraction != WAD) vm.assertGe(h.nlvMaint, int256(h.mm), "a partial liquidation restores MM");
            vm.assertLe(h.nlvMaint, before.nlvMaint, "the penalty never raises NLV");
        } catch (bytes memory err) {
            bytes4 sel = bytes4(err);
            vm.assertTrue(
                sel == ErrorsLib.OverLiquidation.selector || sel == ErrorsLib.InsufficientLiquidation.selector,
                "only the fraction checks may refuse"
            );
        }
    }
}
