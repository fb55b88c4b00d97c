// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm, vm} from "./Vm.sol";
import {MarginEngine} from "../../../contracts/MarginEngine.sol";
import {LiquidityVault} from "../../../contracts/LiquidityVault.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {IMarginEngine, Mode, CollateralParams, MarketParams, Health} from "../../../contracts/interfaces/IMarginEngine.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Shared fixture: USDC (quote, 6 dp), WETH (18 dp, linked to ETH-PERP), WBTC (8 dp, linked to BTC-PERP),
/// markets ETH-PERP (id 1), BTC-PERP (id 2), SOL-PERP (id 3), a funded vault and named actors.
abstract contract BaseTest {
    uint256 internal constant WAD = 1e18;
    /// @dev setUp's timestamp. Tests name it instead of caching `block.timestamp` across `vm.warp`: via-IR may
    /// re-read TIMESTAMP at the point of use, since it is constant within a real transaction.
    uint256 internal constant START_TIME = 1_700_000_000;
    uint256 internal constant ETH = 1;
    uint256 internal constant BTC = 2;
    uint256 internal constant SOL = 3;
    uint256 internal constant ETH_PRICE = 2_000e18;
    uint256 internal constant BTC_PRICE = 60_000e18;
    uint256 internal constant SOL_PRICE = 150e18;
    uint256 internal constant VAULT_SEED = 10_000_000e6;

    address internal immutable OWNER = makeAddr("owner");
    address internal immutable ALICE = makeAddr("alice");
    address internal immutable BOB = makeAddr("bob");
    address internal immutable KEEPER = makeAddr("keeper");
    address internal immutable LP = makeAddr("lp");

    MockERC20 internal usdc;
    MockERC20 internal weth;
    MockERC20 internal wbtc;
    MockAggregator internal ethFeed;
    MockAggregator internal btcFeed;
    MockAggregator internal solFeed;
    MarginEngine internal engine;
    LiquidityVault internal vault;

    function setUp() public virtual {
        vm.warp(START_TIME);
        usdc = new MockERC20("USD Coin", "USDC", 6);
        weth = new MockERC20("Wrapped Ether", "WETH", 18);
        wbtc = new MockERC20("Wrapped Bitcoin", "WBTC", 8);
        ethFeed = new MockAggregator(8, "ETH / USD", 2_000e8);
        btcFeed = new MockAggregator(8, "BTC / USD", 60_000e8);
        solFeed = new MockAggregator(8, "SOL / USD", 150e8);

        engine = new MarginEngine(address(usdc), OWNER);
        vault = new LiquidityVault(IERC20(address(usdc)), engine);
        vm.startPrank(OWNER);
        engine.setVault(address(vault));
        engine.listMarket(marketParams(ethFeed, 0.1e18, 0.05e18, 0.1e18));
        engine.listMarket(marketParams(btcFeed, 0.1e18, 0.05e18, 0.1e18));
        engine.listMarket(marketParams(solFeed, 0.2e18, 0.1e18, 0.2e18));
        engine.listCollateral(address(weth), collateralParams(ethFeed, 0.1e18, 0.15e18, ETH));
        engine.listCollateral(address(wbtc), collateralParams(btcFeed, 0.1e18, 0.15e18, BTC));
        engine.setCorrelation(ETH, BTC, 0.8e18);
        engine.setCorrelation(ETH, SOL, 0.6e18);
        engine.setCorrelation(BTC, SOL, 0.5e18);
        vm.stopPrank();

        usdc.mint(LP, VAULT_SEED);
        vm.startPrank(LP);
        usdc.approve(address(vault), type(uint256).max);
        vault.deposit(VAULT_SEED, LP);
        vm.stopPrank();

        address[3] memory actors = [ALICE, BOB, KEEPER];
        for (uint256 i; i < actors.length; ++i) {
            vm.startPrank(actors[i]);
            usdc.approve(address(engine), type(uint256).max);
            weth.approve(address(engine), type(uint256).max);
            wbtc.approve(address(engine), type(uint256).max);
            vm.stopPrank();
        }
    }

    function marketParams(MockAggregator feed, uint64 imf, uint64 mmf, uint64 sigma)
        internal
        pure
        returns (MarketParams memory)
    {
        return MarketParams({
            aggregator: address(feed),
            heartbeat: 1 days,
            imf: imf,
            mmf: mmf,
            sigma: sigma,
            liquidationFee: mmf / 5,
            takerFee: 0.0005e18,
            maxOpenInterest: 1_000_000e18
        });
    }

    function collateralParams(MockAggregator feed, uint64 hm, uint64 hi, uint256 market)
        internal
        pure
        returns (CollateralParams memory)
    {
        return CollateralParams({
            aggregator: address(feed),
            heartbeat: 1 days,
            hm: hm,
            hi: hi,
            bonus: 0.05e18,
            linkedMarket: uint8(market),
            cap: type(uint128).max
        });
    }

    /* ACTIONS */

    function open(address who, Mode mode) internal returns (uint256 id) {
        vm.prank(who);
        id = engine.openAccount(uint8(mode));
    }

    function fund(address who, uint256 id, MockERC20 token, uint256 amount) internal {
        token.mint(who, amount);
        vm.prank(who);
        engine.deposit(id, address(token), amount);
    }

    function tradeAt(address who, uint256 id, uint256 market, int256 size) internal {
        vm.prank(who);
        engine.trade(id, market, size, size > 0 ? type(uint256).max : 0);
    }

    function setPrice(MockAggregator feed, uint256 wadPrice) internal {
        feed.setPrice(int256(wadPrice / 1e10));
    }

    function healthOf(uint256 id) internal view returns (Health memory h) {
        (h.nlvMaint, h.nlvInit, h.mm, h.im) = engine.health(id);
    }

    function isLiquidatable(uint256 id) internal view returns (bool) {
        Health memory h = healthOf(id);
        return h.nlvMaint < int256(h.mm);
    }

    /* HELPERS */

    function makeAddr(string memory name) internal returns (address a) {
        a = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(a, name);
    }

    /// @dev Maps any x into [lo, hi] uniformly enough for fuzzing (forge-std's bound, rewritten).
    function bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        require(lo <= hi, "bound: lo > hi");
        if (x >= lo && x <= hi) return x;
        uint256 span = hi - lo;
        if (span == type(uint256).max) return x;
        return lo + x % (span + 1);
    }

    function boundInt(int256 x, int256 lo, int256 hi) internal pure returns (int256) {
        uint256 u = bound(uint256(x) ^ (1 << 255), uint256(lo) ^ (1 << 255), uint256(hi) ^ (1 << 255));
        return int256(u ^ (1 << 255));
    }
}
