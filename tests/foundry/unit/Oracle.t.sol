// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, Health, CollateralParams} from "../../../contracts/interfaces/IMarginEngine.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";

contract OracleTest is UnitBase {
    function test_oracle_freshUntilHeartbeatInclusive() public {
        uint256 t = START_TIME;
        vm.warp(t + 1 days);
        vm.assertEq(engine.marketPrice(ETH), 2_000e18, "exactly one heartbeat old is fresh");
        vm.warp(t + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.StalePrice.selector, address(ethFeed), t));
        engine.marketPrice(ETH);
    }

    function test_oracle_staleRoundDataReverts() public {
        ethFeed.setRoundData(2_000e8, block.timestamp - 2 days);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.StalePrice.selector, address(ethFeed), block.timestamp - 2 days)
        );
        engine.collateralPrice(address(weth));
    }

    function test_oracle_staleCollateralBlocksHealth() public {
        uint256 id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, wbtc, 1e8);
        btcFeed.setRoundData(60_000e8, block.timestamp - 1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.StalePrice.selector, address(btcFeed), block.timestamp - 1 days - 1)
        );
        engine.health(id);
    }

    function test_oracle_zeroPriceReverts() public {
        ethFeed.setPrice(0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidPrice.selector, address(ethFeed), int256(0)));
        engine.marketPrice(ETH);
    }

    function test_oracle_negativePriceReverts() public {
        solFeed.setPrice(-1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidPrice.selector, address(solFeed), int256(-1)));
        engine.marketPrice(SOL);
        uint256 id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 1_000e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidPrice.selector, address(solFeed), int256(-1)));
        tradeAt(ALICE, id, SOL, 1e18);
    }

    function test_oracle_normalisesEightDecimalFeeds() public view {
        vm.assertEq(engine.marketPrice(BTC), 60_000e18, "8-dp feed scaled by 1e10");
        vm.assertEq(engine.collateralPrice(address(wbtc)), 60_000e18, "same feed for the collateral");
    }

    function test_oracle_normalisesEighteenDecimalFeeds() public {
        MockAggregator feed = new MockAggregator(18, "ETH / USD 18", 1_234.567890123456789e18);
        vm.prank(OWNER);
        uint256 m = engine.listMarket(defaultMarket(feed));
        vm.assertEq(engine.marketPrice(m), 1_234.567890123456789e18, "18-dp feed is already WAD");
    }

    function test_oracle_truncatesFeedsAboveEighteenDecimals() public {
        MockAggregator feed = new MockAggregator(20, "X / USD 20", 2_000e20 + 99);
        vm.prank(OWNER);
        uint256 m = engine.listMarket(defaultMarket(feed));
        vm.assertEq(engine.marketPrice(m), 2_000e18, "20-dp feed truncated toward zero");
    }

    /// An 8-dp token priced by an 18-dp feed: value = bal * P / 1e8.
    function test_oracle_valuesTokenDecimalsIndependentlyOfFeedDecimals() public {
        MockERC20 tok = new MockERC20("Eight", "EIGHT", 8);
        MockAggregator feed = new MockAggregator(18, "EIGHT / USD", 3e18);
        vm.prank(OWNER);
        engine.listCollateral(address(tok), collateralParams(feed, 0.1e18, 0.2e18, 0));
        uint256 id = open(ALICE, Mode.CROSS);
        tok.mint(ALICE, 5e8);
        vm.startPrank(ALICE);
        tok.approve(address(engine), 5e8);
        engine.deposit(id, address(tok), 5e8);
        vm.stopPrank();
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvMaint, 13.5e18, "5 tokens * 3 USD * 90%");
        vm.assertEq(h.nlvInit, 12e18, "5 tokens * 3 USD * 80%");
    }

    function testFuzz_oracle_scalesAnyPositiveEightDecimalAnswer(uint256 answer) public {
        answer = bound(answer, 1, 1e30);
        ethFeed.setPrice(int256(answer));
        vm.assertEq(engine.marketPrice(ETH), answer * 1e10, "answer * 10^(18 - 8)");
    }
}
