// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, Health, MarketParams} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract TradeTest is UnitBase {
    uint8 internal constant REASON_SETTLEMENT = 2;
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 10_000e6);
    }

    function test_trade_openLongEmitsPostStateAndPaysFeeToVault() public {
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, 40e18, 2_000e18, 40e18, 80_000e18, 0, 40e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), -40e6, 9_960e6, REASON_SETTLEMENT);
        tradeAt(ALICE, id, ETH, 40e18);
        (int256 size, int256 basis) = engine.positionOf(id, ETH);
        vm.assertEq(size, 40e18, "size stored");
        vm.assertEq(basis, 80_000e18, "open notional stored");
        (int256 netSize, int256 net) = engine.openInterest(ETH);
        vm.assertEq(netSize, 40e18, "net open interest");
        vm.assertEq(net, 80_000e18, "net open notional");
        vm.assertEq(engine.vaultBalance(), int256(VAULT_SEED + 40e6), "fee credited to the vault ledger");
        vm.assertEq(engine.vaultAssets(), VAULT_SEED + 40e6, "vault NAV includes the fee");
        (,,, uint64 mask,) = engine.accountInfo(id);
        vm.assertEq(uint256(mask), 1 << ETH, "market mask");
    }

    function test_trade_partialCloseRealisesPnl() public {
        tradeAt(ALICE, id, ETH, 40e18);
        setPrice(ethFeed, 2_100e18);
        // Closes 10 of 40: basis share 20,000, exit 21,000 => +1,000; fee 21,000 * 0.05% = 10.5.
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, -10e18, 2_100e18, 30e18, 60_000e18, 1_000e6, 10.5e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), 989.5e6, 10_949.5e6, REASON_SETTLEMENT);
        tradeAt(ALICE, id, ETH, -10e18);
        vm.assertEq(engine.vaultBalance(), int256(VAULT_SEED + 40e6) - 989.5e6, "vault paid the settlement");
    }

    function test_trade_flipRealisesWholePositionAndOpensRemainder() public {
        tradeAt(ALICE, id, ETH, 40e18);
        setPrice(ethFeed, 2_100e18);
        // Closes 40 (+4,000) and opens 10 short at 2,100; fee on 50 * 2,100 = 52.5.
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, -50e18, 2_100e18, -10e18, -21_000e18, 4_000e6, 52.5e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), 3_947.5e6, 13_907.5e6, REASON_SETTLEMENT);
        tradeAt(ALICE, id, ETH, -50e18);
        (int256 netSize, int256 net) = engine.openInterest(ETH);
        vm.assertEq(netSize, -10e18, "net open interest holds the short remainder");
        vm.assertEq(net, -21_000e18, "net open notional follows the new basis");
    }

    function test_trade_shortProfitsWhenPriceFalls() public {
        tradeAt(ALICE, id, ETH, -10e18); // fee 10
        setPrice(ethFeed, 1_900e18);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PositionUpdated(id, ETH, 10e18, 1_900e18, 0, 0, 1_000e6, 9.5e6);
        tradeAt(ALICE, id, ETH, 10e18);
        vm.assertEq(quoteBalanceOf(id), 10_000e6 - 10e6 + 1_000e6 - 9.5e6, "short profit settled");
        (,,, uint64 mask,) = engine.accountInfo(id);
        vm.assertEq(uint256(mask), 0, "closed market leaves the mask");
    }

    function test_trade_buyRevertsAbovePriceLimit() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.PriceLimitExceeded.selector, 2_000e18, 2_000e18 - 1));
        vm.prank(ALICE);
        engine.trade(id, ETH, 1e18, 2_000e18 - 1);
        vm.prank(ALICE);
        engine.trade(id, ETH, 1e18, 2_000e18);
        vm.assertEq(positionSize(id, ETH), 1e18, "a limit equal to the price is accepted");
    }

    function test_trade_sellRevertsBelowPriceLimit() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.PriceLimitExceeded.selector, 2_000e18, 2_000e18 + 1));
        vm.prank(ALICE);
        engine.trade(id, ETH, -1e18, 2_000e18 + 1);
        vm.prank(ALICE);
        engine.trade(id, ETH, -1e18, 2_000e18);
        vm.assertEq(positionSize(id, ETH), -1e18, "a limit equal to the price is accepted");
    }

    function test_trade_revertsOnZeroSize() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
        vm.prank(ALICE);
        engine.trade(id, ETH, 0, 0);
    }

    function test_trade_revertsOnUnknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, uint256(0)));
        tradeAt(ALICE, id, 0, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, uint256(4)));
        tradeAt(ALICE, id, 4, 1e18);
    }

    function test_trade_revertsWhenNotAuthorized() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        tradeAt(BOB, id, ETH, 1e18);
    }

    function test_trade_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(9)));
        tradeAt(ALICE, 9, ETH, 1e18);
    }

    /// 1,000 USDC, long 5 ETH: IM = 1,000 but NLV_hi = 1,000 - 5 (fee).
    function test_trade_revertsBelowInitialMargin() public {
        uint256 small = open(BOB, Mode.CROSS);
        fund(BOB, small, usdc, 1_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, small, 995e18, 1_000e18));
        tradeAt(BOB, small, ETH, 5e18);
        tradeAt(BOB, small, ETH, 4.9e18);
        vm.assertEq(positionSize(small, ETH), 4.9e18, "a trade within IM passes");
    }

    function test_trade_isolatedAllowsOneMarket() public {
        uint256 iso = open(BOB, Mode.ISOLATED);
        fund(BOB, iso, usdc, 10_000e6);
        tradeAt(BOB, iso, ETH, 1e18);
        tradeAt(BOB, iso, ETH, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.IsolatedMarketTaken.selector, iso, ETH));
        tradeAt(BOB, iso, BTC, 0.01e18);
        tradeAt(BOB, iso, ETH, -2e18);
        tradeAt(BOB, iso, BTC, 0.01e18);
        vm.assertEq(positionSize(iso, BTC), 0.01e18, "after closing, another market may be taken");
    }

    function test_trade_crossAllowsManyMarkets() public {
        tradeAt(ALICE, id, ETH, 1e18);
        tradeAt(ALICE, id, BTC, 0.01e18);
        tradeAt(ALICE, id, SOL, -1e18);
        (,,, uint64 mask,) = engine.accountInfo(id);
        vm.assertEq(uint256(mask), (1 << ETH) | (1 << BTC) | (1 << SOL), "three markets open");
    }

    function test_trade_revertsOnTooManyPositions() public {
        uint256 first = listExtraMarkets(6); // markets 4..9
        fund(ALICE, id, usdc, 90_000e6);
        tradeAt(ALICE, id, ETH, 1e18);
        tradeAt(ALICE, id, BTC, 0.01e18);
        tradeAt(ALICE, id, SOL, 1e18);
        for (uint256 m = first; m < first + 5; ++m) {
            tradeAt(ALICE, id, m, 1e18);
        }
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.TooManyPositions.selector, id));
        tradeAt(ALICE, id, first + 5, 1e18);
        tradeAt(ALICE, id, ETH, 1e18); // growing an open position is not a new one
        tradeAt(ALICE, id, SOL, -1e18);
        tradeAt(ALICE, id, first + 5, 1e18);
        vm.assertEq(positionSize(id, first + 5), 1e18, "closing one frees a slot");
    }

    /// @dev The cap bounds the vault's net exposure |sum of sizes| and binds only when that exposure grows.
    function test_trade_openInterestCapOnlyWhenNetExposureGrows() public {
        MarketParams memory p = defaultMarket(ethFeed);
        p.maxOpenInterest = 50e18;
        vm.prank(OWNER);
        engine.updateMarket(ETH, p);
        uint256 bid = open(BOB, Mode.CROSS);
        fund(BOB, bid, usdc, 100_000e6);
        tradeAt(ALICE, id, ETH, 40e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OpenInterestCapExceeded.selector, ETH, 51e18, 50e18));
        tradeAt(BOB, bid, ETH, 11e18);
        // Bob's short nets against Alice's long: the vault's exposure shrinks from 40 to 20, then flips to 51.
        tradeAt(BOB, bid, ETH, -20e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OpenInterestCapExceeded.selector, ETH, 51e18, 50e18));
        tradeAt(BOB, bid, ETH, -71e18);

        // Cut the cap below the net exposure (20): reductions still pass, growth does not.
        p.maxOpenInterest = 5e18;
        vm.prank(OWNER);
        engine.updateMarket(ETH, p);
        tradeAt(ALICE, id, ETH, -10e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OpenInterestCapExceeded.selector, ETH, 11e18, 5e18));
        tradeAt(ALICE, id, ETH, 1e18);
        // A sell that flips the net exposure past the cap on the other side is refused too.
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OpenInterestCapExceeded.selector, ETH, 11e18, 5e18));
        tradeAt(BOB, bid, ETH, -21e18);
        (int256 netSize,) = engine.openInterest(ETH);
        vm.assertEq(netSize, 10e18, "net exposure only shrank");
    }

    function test_trade_riskReducingAllowedBelowInitialMargin() public {
        uint256 lid = liquidatableEthAccount();
        Health memory h = healthOf(lid);
        vm.assertLt(h.nlvInit, int256(h.im), "scenario starts below IM");
        tradeAt(ALICE, lid, ETH, -10e18);
        vm.assertEq(positionSize(lid, ETH), 30e18, "reduction accepted below IM");
        Health memory after_ = healthOf(lid);
        vm.assertLt(after_.im, h.im, "IM fell");
        vm.assertGe(after_.nlvInit - int256(after_.im), h.nlvInit - int256(h.im), "surplus did not fall");
    }

    function test_trade_riskIncreasingRevertsBelowInitialMargin() public {
        uint256 lid = liquidatableEthAccount();
        Health memory h = healthOf(lid);
        // +1 ETH at 1,840: IM += 184, NLV -= 0.92 fee.
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, lid, h.nlvInit - 0.92e18, h.im + 184e18)
        );
        tradeAt(ALICE, lid, ETH, 1e18);
    }

    /// Flipping 40 long to 40 short keeps IM but pays a fee: not a risk reduction.
    function test_trade_equalSizeFlipNotExcusedBelowInitialMargin() public {
        uint256 lid = liquidatableEthAccount();
        // quote 9,960 - 6,400 realised - 73.6 fee = 3,486.4; new short is at the money; IM = 7,360.
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, lid, 3_486.4e18, 7_360e18));
        tradeAt(ALICE, lid, ETH, -80e18);
    }

    function test_trade_staleMarketPriceReverts() public {
        vm.warp(block.timestamp + 1 days + 1);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.StalePrice.selector, address(ethFeed), block.timestamp - 1 days - 1)
        );
        tradeAt(ALICE, id, ETH, 1e18);
    }

    /// Issue 11 (4): at 1,700 the account (long 40) has -2,040 of equity; flipping to short 39 lowers IM and, with the
    /// fee, does not lower NLV_hi - IM, yet it opens new risk: an exempted trade must be reduce-only.
    function test_trade_belowInitialMarginCannotFlip() public {
        tradeAt(ALICE, id, ETH, 40e18);
        setPrice(ethFeed, 1_700e18);
        vm.assertEq(healthOf(id).nlvInit, -2_040e18, "equity before");
        // After the flip: NLV_hi = -2,040 - 67.15 fee, IM = 39 * 1,700 * 10% = 6,630.
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, id, -2_107.15e18, 6_630e18));
        vm.prank(ALICE);
        engine.trade(id, ETH, -79e18, 0);
        vm.assertEq(positionSize(id, ETH), 40e18, "no flip below initial margin");
    }
}
