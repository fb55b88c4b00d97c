// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BaseTest} from "./BaseTest.sol";
import {vm} from "./Vm.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {Mode, MarketParams} from "../../../contracts/interfaces/IMarginEngine.sol";

/// @notice BaseTest plus the scenarios several unit files share. Every scenario's numbers are worked out in its
/// comment so tests can assert exact values.
abstract contract UnitBase is BaseTest {
    /// @dev Lists `n` extra markets (ids 4, 5, ...) with fresh 8-dp feeds at 100 USD and the fixture's ETH params.
    function listExtraMarkets(uint256 n) internal returns (uint256 firstId) {
        firstId = engine.marketCount() + 1;
        for (uint256 i; i < n; ++i) {
            MockAggregator feed = new MockAggregator(8, "X / USD", 100e8);
            vm.prank(OWNER);
            engine.listMarket(marketParams(feed, 0.1e18, 0.05e18, 0.1e18));
        }
    }

    /// @dev ALICE, CROSS: 10,000 USDC, long 40 ETH at 2,000 (fee 40, quote 9,960), then ETH falls to 1,840.
    /// NLV = 9,960 - 6,400 = 3,560 < MM = 3,680 (IM = 7,360): liquidatable. A fraction f restores MM iff
    /// f >= 0.0652 and does not over-liquidate iff -3,800 + 5,520 f <= 3.68 (f <= 0.6890).
    function liquidatableEthAccount() internal returns (uint256 id) {
        id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 10_000e6);
        tradeAt(ALICE, id, ETH, 40e18);
        setPrice(ethFeed, 1_840e18);
    }

    /// @dev ALICE, CROSS: 1 WETH; long 0.2 BTC at 60,000 (fee 6) closed at 52,000 (loss 1,600, fee 5.2), so no
    /// positions and quote = -1,611.2 USDC. Then ETH moves to `ethPrice` (liquidatable below 1,790.22).
    function wethDebtAccount(uint256 ethPrice) internal returns (uint256 id) {
        id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, weth, 1e18);
        tradeAt(ALICE, id, BTC, 0.2e18);
        setPrice(btcFeed, 52_000e18);
        tradeAt(ALICE, id, BTC, -0.2e18);
        setPrice(ethFeed, ethPrice);
    }

    function quoteBalanceOf(uint256 id) internal view returns (int256 quote) {
        (,, quote,,) = engine.accountInfo(id);
    }

    function positionSize(uint256 id, uint256 market) internal view returns (int256 size) {
        (size,) = engine.positionOf(id, market);
    }

    function defaultMarket(MockAggregator feed) internal pure returns (MarketParams memory) {
        return marketParams(feed, 0.1e18, 0.05e18, 0.1e18);
    }
}
