// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, MarketParams} from "../../../contracts/interfaces/IMarginEngine.sol";

/// @notice Every rounding favours the protocol: no trade sequence at one price creates value for the trader.
contract RoundingFuzzTest is UnitBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 1e15); // 1bn USDC: margin never binds
    }

    function _market(uint256 seed) internal pure returns (uint256) {
        return seed % 3 + 1;
    }

    function _feed(uint256 market) internal view returns (address) {
        return market == ETH ? address(ethFeed) : market == BTC ? address(btcFeed) : address(solFeed);
    }

    function testFuzz_trade_openThenCloseAtSamePriceNeverProfits(int256 size, uint256 price, uint256 marketSeed)
        public
    {
        uint256 market = _market(marketSeed);
        size = boundInt(size, -1e22, 1e22);
        vm.assume(size != 0);
        price = bound(price, 1e10, 100_000e18); // >= 1e-8 USD: the feed's resolution
        setPrice(_toFeed(market), price);
        int256 quoteBefore = quoteBalanceOf(id);
        int256 ledgerBefore = engine.vaultBalance();
        tradeAt(ALICE, id, market, size);
        tradeAt(ALICE, id, market, -size);
        vm.assertLe(quoteBalanceOf(id), quoteBefore, "a round trip never gains");
        vm.assertGe(engine.vaultBalance(), ledgerBefore, "the vault never loses on a round trip");
        (int256 s, int256 basis) = engine.positionOf(id, market);
        vm.assertEq(s, 0, "flat");
        vm.assertEq(basis, 0, "no basis left behind");
    }

    function testFuzz_trade_feeIsAtLeastExact(int256 size, uint256 price, uint256 takerFee) public {
        size = boundInt(size, -1e24, 1e24);
        vm.assume(size != 0);
        price = bound(price, 1e10, 1_000e18); // notional <= 1bn USD: margin never binds
        takerFee = bound(takerFee, 0, 0.01e18);
        MarketParams memory p = defaultMarket(ethFeed);
        p.takerFee = uint64(takerFee);
        p.maxOpenInterest = type(uint128).max;
        vm.prank(OWNER);
        engine.updateMarket(ETH, p);
        setPrice(ethFeed, price);
        price = engine.marketPrice(ETH);
        int256 quoteBefore = quoteBalanceOf(id);
        tradeAt(ALICE, id, ETH, size);
        uint256 fee = uint256(quoteBefore - quoteBalanceOf(id)); // opening realises nothing
        uint256 absSize = uint256(size > 0 ? size : -size);
        // exact fee in quote units = |s| * P * f / 1e18 / 1e18 / 1e12
        uint256 exactTimes1e48 = absSize * price / 1e6 * takerFee / 1e6; // scaled by 1e36 after the two /1e6
        vm.assertGe(fee * 1e36, exactTimes1e48, "fee >= exact fee");
        vm.assertLe(fee * 1e36, exactTimes1e48 + 2e36, "fee is rounded up by less than two units");
    }

    /// Closing in two pieces never realises more (net of fees) than closing at once.
    function testFuzz_trade_splitCloseNeverBeatsSingleClose(int256 size, uint256 part, uint256 p0, uint256 p1) public {
        size = boundInt(size, -1e22, 1e22);
        vm.assume(size > 1 || size < -1);
        p0 = bound(p0, 1e16, 100_000e18);
        p1 = bound(p1, 1e16, 100_000e18);
        uint256 other = open(BOB, Mode.CROSS);
        fund(BOB, other, usdc, 1e15);
        setPrice(btcFeed, p0);
        tradeAt(ALICE, id, BTC, size);
        tradeAt(BOB, other, BTC, size);
        setPrice(btcFeed, p1);
        int256 first = -boundInt(int256(part), 1, (size > 0 ? size : -size) - 1) * (size > 0 ? int256(1) : int256(-1));
        tradeAt(ALICE, id, BTC, first);
        tradeAt(ALICE, id, BTC, -size - first);
        tradeAt(BOB, other, BTC, -size);
        vm.assertLe(quoteBalanceOf(id), quoteBalanceOf(other), "two pieces <= one piece");
    }

    /// Unrealised PnL in health never exceeds what a close would pay before fees (NLV is not optimistic).
    function testFuzz_health_unrealisedNeverAboveRealisable(int256 size, uint256 p0, uint256 p1) public {
        size = boundInt(size, -1e22, 1e22);
        vm.assume(size != 0);
        p0 = bound(p0, 1e16, 100_000e18);
        p1 = bound(p1, 1e16, 100_000e18);
        setPrice(ethFeed, p0);
        tradeAt(ALICE, id, ETH, size);
        setPrice(ethFeed, p1);
        int256 nlv = healthOf(id).nlvMaint;
        MarketParams memory p = defaultMarket(ethFeed);
        p.takerFee = 0;
        vm.prank(OWNER);
        engine.updateMarket(ETH, p);
        tradeAt(ALICE, id, ETH, -size);
        vm.assertLe(nlv, quoteBalanceOf(id) * 1e12 + 1e12, "NLV <= realisable value (to one quote unit)");
    }

    function _toFeed(uint256 market) internal view returns (MockAggregatorLike) {
        return MockAggregatorLike(_feed(market));
    }

    function setPrice(MockAggregatorLike feed, uint256 wadPrice) internal {
        feed.setPrice(int256(wadPrice / 1e10));
    }
}

interface MockAggregatorLike {
    function setPrice(int256 answer) external;
}
