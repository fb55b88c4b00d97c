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

    /// f = 0.5 at 1,840: closes 20 ETH (realised -3,200, penalty 1% of 36,800 = 368, reward 184), leaving NLV 3,192
    /// >= MM 1,840.
    function test_liquidate_partialEmitsPostStateAndPaysKeeper() public {
        uint256 id = liquidatableEthAccount();
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, -20e18, 1_840e18, 20e18, 40_000e18, -3_200e6, 368e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), -3_568e6, 6_392e6, REASON_PENALTY);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.Liquidated(id, KEEPER, 0.5e18, 368e6, 184e6, 184e6);
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);

        vm.assertEq(usdc.balanceOf(KEEPER), 184e6, "keeper share paid");
        vm.assertEq(engine.insuranceFund(), 184e6, "insurance keeps the rest");
        vm.assertEq(quoteBalanceOf(id), 6_392e6, "quote after");
        vm.assertEq(engine.vaultBalance(), int256(VAULT_SEED + 40e6 + 3_200e6), "vault took the realised loss");
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvMaint, 3_192e18, "NLV after");
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
        emit EventsLib.PositionUpdated(id, ETH, -20e18, 1_800e18, 20e18, 40_000e18, -4_000e6, 360e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, BTC, -0.5e18, 54_000e18, 0.5e18, 30_000e18, -3_000e6, 270e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.Liquidated(id, KEEPER, 0.5e18, 630e6, 315e6, 315e6);
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);
        vm.assertEq(quoteBalanceOf(id), 12_300e6, "19,930 - 7,000 realised - 630 penalty");
    }

    /// f = 0.02 closes 0.8 ETH: NLV 3,560 - 14.72 = 3,545.28 stays below MM 3,606.4.
    function test_liquidate_revertsOnUnderLiquidation() public {
        uint256 id = liquidatableEthAccount();
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.InsufficientLiquidation.selector, id, 3_545.28e18, 3_606.4e18)
        );
        vm.prank(KEEPER);
        engine.liquidate(id, 0.02e18);
    }

    /// f = 0.8 leaves NLV_hi 3,560 - 588.8 = 2,971.2 against IM 1,472: surplus 1,499.2 > 0.1% of MM 3,680.
    function test_liquidate_revertsOnOverLiquidation() public {
        uint256 id = liquidatableEthAccount();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OverLiquidation.selector, id, 1_499.2e18, 3.68e18));
        vm.prank(KEEPER);
        engine.liquidate(id, 0.8e18);
    }

    function test_liquidate_fullCloseRefusedWhenAFractionCouldRestore() public {
        uint256 id = liquidatableEthAccount();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OverLiquidation.selector, id, 2_824e18, 3.68e18));
        vm.prank(KEEPER);
        engine.liquidate(id, WAD);
    }

    /// At 1,760 (equity 360) no fraction restores MM (-3,160 + 2,816 f < 0), so only a full close passes. Its penalty
    /// (1% of 70,400 = 704, as PositionUpdated reports it) is capped at the 360 of equity: no debt is left, and the
    /// reward is min(180, 360 - 35.2 of taker fee a plain close would pay) = 180.
    function test_liquidate_fullCloseAllowedWhenNothingRestores() public {
        uint256 id = liquidatableEthAccount();
        setPrice(ethFeed, 1_760e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientLiquidation.selector, id, 8e18, 1_760e18));
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);

        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, -40e18, 1_760e18, 0, 0, -9_600e6, 704e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), -9_960e6, 0, REASON_PENALTY);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.Liquidated(id, KEEPER, WAD, 360e6, 180e6, 180e6);
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
        emit EventsLib.Liquidated(id, KEEPER, 0.5e18, 368e6, 73.6e6, 294.4e6);
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);
        vm.assertEq(usdc.balanceOf(KEEPER), 73.6e6, "20% reward");
        vm.assertEq(engine.insuranceFund(), 294.4e6, "80% to insurance");
    }

    /// The owner liquidating their own account loses the insurance share of the penalty.
    function test_liquidate_selfLiquidationIsNeverProfitable() public {
        uint256 id = liquidatableEthAccount();
        int256 before = int256(usdc.balanceOf(ALICE) * 1e12) + healthOf(id).nlvMaint;
        vm.prank(ALICE);
        engine.liquidate(id, 0.5e18);
        int256 afterValue = int256(usdc.balanceOf(ALICE) * 1e12) + healthOf(id).nlvMaint;
        vm.assertLt(afterValue, before, "self-liquidation lowers the owner's total value");
        vm.assertEq(before - afterValue, 184e18, "by exactly the insurance share");
    }

    function test_liquidate_anyoneMayLiquidate() public {
        uint256 id = liquidatableEthAccount();
        vm.prank(BOB);
        engine.liquidate(id, 0.5e18);
        vm.assertEq(usdc.balanceOf(BOB), 184e6, "an arbitrary caller earns the reward");
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

    /* ISSUE 11: SOLVENCY ATTACKS */

    /// Issue 11 (2): at 1,760 the account holds 360 of equity, so a plain close (taker fee 35.2) leaves 324.8 and no
    /// debt. A liquidation at the same price must not leave more bad debt than that close.
    function test_liquidate_neverLeavesMoreBadDebtThanAPlainClose() public {
        uint256 id = liquidatableEthAccount();
        setPrice(ethFeed, 1_760e18);
        uint256 snap = vm.snapshotState();
        tradeAt(ALICE, id, ETH, -40e18);
        int256 closedQuote = quoteBalanceOf(id);
        vm.revertToState(snap);
        vm.prank(KEEPER);
        engine.liquidate(id, WAD);
        int256 liquidatedQuote = quoteBalanceOf(id);
        vm.assertEq(closedQuote, 324.8e6, "a plain close leaves 360 - 35.2");
        vm.assertGe(liquidatedQuote, closedQuote < 0 ? closedQuote : int256(0), "no bad debt beyond a plain close");
    }

    /// Issue 11 (2): the owner liquidating their own 360-equity account must not walk away with more than closing it.
    function test_liquidate_selfLiquidationNeverPaysMoreThanClosing() public {
        uint256 id = liquidatableEthAccount();
        setPrice(ethFeed, 1_760e18);
        uint256 snap = vm.snapshotState();
        tradeAt(ALICE, id, ETH, -40e18);
        int256 byClosing = quoteBalanceOf(id);
        vm.revertToState(snap);
        vm.prank(ALICE);
        engine.liquidate(id, WAD);
        int256 quote = quoteBalanceOf(id);
        int256 bySelfLiquidating = int256(usdc.balanceOf(ALICE)) + (quote > 0 ? quote : int256(0));
        vm.assertLe(bySelfLiquidating, byClosing, "self-liquidation pays no more than a plain close");
        vm.assertGe(quote, 0, "and leaves no debt behind");
    }

    /// Issue 11 (2): PORTFOLIO, long 1 BTC / short 30 ETH with rho 0.95, funded at IM (3,100 USDC). BTC falls 3%:
    /// NLV 1,240 < MM 1,877.3. Some partial fraction must be accepted, and the full close must leave no debt.
    function test_liquidate_portfolioHedgeAlwaysHasAPartialFraction() public {
        uint256 id = _hedgedPortfolioAccount();
        uint256 accepted;
        for (uint256 f = 0.01e18; f < WAD; f += 0.01e18) {
            uint256 snap = vm.snapshotState();
            vm.prank(KEEPER);
            try engine.liquidate(id, f) {
                ++accepted;
                Health memory h = healthOf(id);
                vm.assertGe(h.nlvMaint, int256(h.mm), "an accepted partial restores MM");
                vm.assertGe(quoteBalanceOf(id), 0, "and leaves no debt");
            } catch {}
            vm.revertToState(snap);
        }
        vm.assertGt(accepted, 0, "some partial fraction is accepted");
    }

    /// Issue 11 (2): whatever fraction the keeper picks, a liquidation of the hedged account never leaves debt that a
    /// plain close at the same prices would not.
    function test_liquidate_portfolioFullCloseLeavesNoBadDebt() public {
        uint256 id = _hedgedPortfolioAccount();
        vm.prank(KEEPER);
        try engine.liquidate(id, WAD) {} catch {}
        vm.assertGe(quoteBalanceOf(id), 0, "no debt left by the liquidation");
    }

    /// Issue 11 (3): Bob's realised BTC loss (8,056 USDC of quote debt backed by WETH) lets the LPs draw the engine's
    /// quote tokens down to 100 USDC; Alice's liquidation must still go through although its reward exceeds that.
    function test_liquidate_neverRevertsForLackOfLiquidity() public {
        uint256 id = liquidatableEthAccount();
        uint256 bob = open(BOB, Mode.CROSS);
        fund(BOB, bob, weth, 10e18);
        tradeAt(BOB, bob, BTC, 1e18);
        setPrice(btcFeed, 52_000e18);
        tradeAt(BOB, bob, BTC, -1e18);
        vm.assertEq(quoteBalanceOf(bob), -8_056e6, "Bob owes the realised loss and fees");
        uint256 held = usdc.balanceOf(address(engine));
        vm.prank(LP);
        vault.withdraw(held - 100e6, LP, LP);
        vm.assertEq(usdc.balanceOf(address(engine)), 100e6, "engine drawn down");
        vm.prank(KEEPER);
        engine.liquidate(id, 0.5e18);
        vm.assertFalse(isLiquidatable(id), "restored despite the liquidity shortage");
        vm.assertLe(usdc.balanceOf(KEEPER), 100e6, "never paid more than the engine held");
    }

    /// PORTFOLIO, rho(ETH,BTC) 0.95: long 1 BTC and short 30 ETH at 60,000 each with 3,100 USDC (fees 60), then BTC
    /// falls 3% to 58,200: NLV 1,240, MM = sqrt(5,820^2 + 6,000^2 - 2 * 0.95 * 5,820 * 6,000) = 1,877.3.
    function _hedgedPortfolioAccount() internal returns (uint256 id) {
        vm.prank(OWNER);
        engine.setCorrelation(ETH, BTC, 0.95e18);
        id = open(ALICE, Mode.PORTFOLIO);
        fund(ALICE, id, usdc, 20_000e6);
        tradeAt(ALICE, id, BTC, 1e18);
        tradeAt(ALICE, id, ETH, -30e18);
        vm.prank(ALICE);
        engine.withdraw(id, address(usdc), 16_900e6); // leaves 3,040 against IM = max(1.5 * 1,897.4, 0.25 * 12,000)
        setPrice(btcFeed, 58_200e18);
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvMaint, 1_240e18, "NLV after the divergence");
        vm.assertTrue(isLiquidatable(id), "liquidatable");
    }
}
