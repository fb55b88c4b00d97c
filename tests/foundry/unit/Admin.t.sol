// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {CollateralParams, MarketParams} from "../../../contracts/interfaces/IMarginEngine.sol";
import {MarginEngine} from "../../../contracts/MarginEngine.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

contract AdminTest is UnitBase {
    MockERC20 internal link;
    MockAggregator internal linkFeed;

    function setUp() public override {
        super.setUp();
        link = new MockERC20("Chainlink", "LINK", 18);
        linkFeed = new MockAggregator(8, "LINK / USD", 15e8);
    }

    function _notOwner() internal {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, ALICE));
        vm.prank(ALICE);
    }

    function _invalid(string memory name, uint256 value) internal {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidParameter.selector, name, value));
        vm.prank(OWNER);
    }

    function linkParams() internal view returns (CollateralParams memory) {
        return collateralParams(linkFeed, 0.2e18, 0.3e18, 0);
    }

    /* ONLY OWNER */

    function test_admin_everySetterIsOnlyOwner() public {
        _notOwner();
        engine.listCollateral(address(link), linkParams());
        _notOwner();
        engine.updateCollateral(address(weth), linkParams());
        _notOwner();
        engine.listMarket(defaultMarket(linkFeed));
        _notOwner();
        engine.updateMarket(ETH, defaultMarket(ethFeed));
        _notOwner();
        engine.setCorrelation(ETH, BTC, 0);
        _notOwner();
        engine.setCorrelations(new uint256[](1), new uint256[](1), new int256[](1));
        _notOwner();
        engine.setPortfolioParams(0.5e18, 1.5e18);
        _notOwner();
        engine.setKeeperShare(0);
        _notOwner();
        engine.setVault(address(1));
    }

    /* COLLATERAL */

    function test_listCollateral_storesAndEmits() public {
        CollateralParams memory p = linkParams();
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralListed(address(link), 2, p, 18, 8);
        vm.prank(OWNER);
        engine.listCollateral(address(link), p);
        vm.assertEq(engine.collateralAssets(2), address(link), "third collateral index");
        vm.assertEq(engine.collateralPrice(address(link)), 15e18, "feed wired");
    }

    function test_listCollateral_revertsOnZeroOrDuplicate() public {
        vm.startPrank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAddress.selector));
        engine.listCollateral(address(0), linkParams());
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyListed.selector, address(weth)));
        engine.listCollateral(address(weth), linkParams());
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.AlreadyListed.selector, address(usdc)));
        engine.listCollateral(address(usdc), linkParams());
        CollateralParams memory p = linkParams();
        p.aggregator = address(0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAddress.selector));
        engine.listCollateral(address(link), p);
        vm.stopPrank();
    }

    function test_listCollateral_revertsAtListingLimit() public {
        vm.startPrank(OWNER);
        for (uint256 i = 2; i < 16; ++i) {
            engine.listCollateral(address(new MockERC20("T", "T", 18)), linkParams());
        }
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ListingLimit.selector));
        engine.listCollateral(address(link), linkParams());
        vm.stopPrank();
    }

    function test_listCollateral_enforcesEveryBound() public {
        CollateralParams memory p = linkParams();
        p.heartbeat = 0;
        _invalid("heartbeat", 0);
        engine.listCollateral(address(link), p);
        p.heartbeat = 7 days + 1;
        _invalid("heartbeat", 7 days + 1);
        engine.listCollateral(address(link), p);

        p = linkParams();
        p.hi = 0.95e18 + 1;
        _invalid("hi", 0.95e18 + 1);
        engine.listCollateral(address(link), p);

        p = linkParams();
        p.hm = p.hi + 1;
        _invalid("hm", p.hi + 1);
        engine.listCollateral(address(link), p);

        p = linkParams();
        p.bonus = 0.2e18 + 1;
        _invalid("bonus", 0.2e18 + 1);
        engine.listCollateral(address(link), p);

        // (1 + bonus)(1 - hm) <= 1: hm = 0.1 allows at most 1/0.9 - 1 = 11.1% bonus.
        p = linkParams();
        (p.hm, p.hi, p.bonus) = (0.1e18, 0.1e18, 0.12e18);
        _invalid("bonus", 0.12e18);
        engine.listCollateral(address(link), p);

        p = linkParams();
        p.linkedMarket = 9;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, uint256(9)));
        vm.prank(OWNER);
        engine.listCollateral(address(link), p);

        // Boundaries themselves are accepted.
        p = linkParams();
        (p.hm, p.hi, p.bonus, p.heartbeat) = (0.95e18 - 0.2e18, 0.95e18, 0, 7 days);
        vm.prank(OWNER);
        engine.listCollateral(address(link), p);
    }

    function test_updateCollateral_storesAndEmits() public {
        CollateralParams memory p = collateralParams(ethFeed, 0.2e18, 0.25e18, 0);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralParamsUpdated(address(weth), p, 18, 8);
        vm.prank(OWNER);
        engine.updateCollateral(address(weth), p);
    }

    function test_updateCollateral_emitsTheNewFeedsDecimals() public {
        MockAggregator wide = new MockAggregator(18, "WBTC / USD", 60_000e18);
        CollateralParams memory p = collateralParams(wide, 0.1e18, 0.15e18, BTC);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralParamsUpdated(address(wbtc), p, 8, 18);
        vm.prank(OWNER);
        engine.updateCollateral(address(wbtc), p);
        vm.assertEq(engine.collateralPrice(address(wbtc)), 60_000e18, "18-decimal feed normalised");
    }

    function test_updateCollateral_revertsOnUnknownAssetAndBounds() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAsset.selector, address(link)));
        vm.prank(OWNER);
        engine.updateCollateral(address(link), linkParams());
        CollateralParams memory p = linkParams();
        p.hm = 0.5e18;
        _invalid("hm", 0.5e18);
        engine.updateCollateral(address(weth), p);
    }

    /* MARKETS */

    function test_listMarket_storesAndEmits() public {
        MarketParams memory p = defaultMarket(linkFeed);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.MarketListed(4, p, 8);
        vm.prank(OWNER);
        uint256 m = engine.listMarket(p);
        vm.assertEq(m, 4, "next market id");
        vm.assertEq(engine.marketCount(), 4, "count");
        vm.assertEq(engine.marketPrice(4), 15e18, "feed wired");
    }

    function test_listMarket_revertsAtListingLimit() public {
        listExtraMarkets(29); // 3 + 29 = 32
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ListingLimit.selector));
        vm.prank(OWNER);
        engine.listMarket(defaultMarket(linkFeed));
    }

    function test_listMarket_enforcesEveryBound() public {
        MarketParams memory p = defaultMarket(linkFeed);
        p.imf = 0;
        _invalid("imf", 0);
        engine.listMarket(p);
        p.imf = 0.5e18 + 1;
        _invalid("imf", 0.5e18 + 1);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        p.mmf = 0;
        _invalid("mmf", 0);
        engine.listMarket(p);
        p.mmf = p.imf;
        _invalid("mmf", p.imf);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        p.liquidationFee = p.mmf;
        _invalid("liquidationFee", p.mmf);
        engine.listMarket(p);
        // Issue 11 (2): the PORTFOLIO floor alpha * mmf = 0.25 * 5% must exceed the penalty rate.
        p.liquidationFee = 0.0125e18;
        _invalid("liquidationFee", 0.0125e18);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        p.sigma = 0;
        _invalid("sigma", 0);
        engine.listMarket(p);
        p.sigma = 0.5e18 + 1;
        _invalid("sigma", 0.5e18 + 1);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        p.takerFee = 0.01e18 + 1;
        _invalid("takerFee", 0.01e18 + 1);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        p.maxOpenInterest = 0;
        _invalid("maxOpenInterest", 0);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        p.heartbeat = 0;
        _invalid("heartbeat", 0);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        p.aggregator = address(0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAddress.selector));
        vm.prank(OWNER);
        engine.listMarket(p);

        p = defaultMarket(linkFeed);
        // lf < alpha * mmf = 0.25 * (0.5e18 - 1), i.e. lf <= 0.125e18 - 1.
        (p.imf, p.mmf, p.liquidationFee, p.sigma, p.takerFee) = (0.5e18, 0.5e18 - 1, 0.125e18 - 1, 0.5e18, 0.01e18);
        vm.prank(OWNER);
        engine.listMarket(p);
        vm.assertEq(engine.marketCount(), 4, "boundary values accepted");
    }

    function test_updateMarket_storesAndEmits() public {
        MarketParams memory p = marketParams(ethFeed, 0.2e18, 0.1e18, 0.3e18);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.MarketUpdated(ETH, p, 8);
        vm.prank(OWNER);
        engine.updateMarket(ETH, p);
    }

    function test_updateMarket_emitsTheNewFeedsDecimals() public {
        MockAggregator wide = new MockAggregator(18, "ETH / USD", 2_000e18);
        MarketParams memory p = defaultMarket(wide);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.MarketUpdated(ETH, p, 18);
        vm.prank(OWNER);
        engine.updateMarket(ETH, p);
        vm.assertEq(engine.marketPrice(ETH), 2_000e18, "18-decimal feed normalised");
    }

    function test_updateMarket_revertsOnUnknownMarketAndBounds() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownMarket.selector, uint256(9)));
        vm.prank(OWNER);
        engine.updateMarket(9, defaultMarket(ethFeed));
        MarketParams memory p = defaultMarket(ethFeed);
        p.takerFee = 1e18;
        _invalid("takerFee", 1e18);
        engine.updateMarket(ETH, p);
    }

    /* CORRELATION */

    function test_setCorrelation_normalisesOrderAndEmits() public {
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CorrelationSet(BTC, SOL, 0.3e18);
        vm.prank(OWNER);
        engine.setCorrelation(SOL, BTC, 0.3e18);
        vm.assertEq(engine.correlation(BTC, SOL), 0.3e18, "stored");
        vm.assertEq(engine.correlation(SOL, BTC), 0.3e18, "symmetric");
        vm.assertEq(engine.correlation(SOL, SOL), 1e18, "diagonal is 1");
    }

    function test_setCorrelation_revertsOutOfBounds() public {
        vm.startPrank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, ETH, int256(0.5e18)));
        engine.setCorrelation(ETH, ETH, 0.5e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, uint256(4), int256(0)));
        engine.setCorrelation(ETH, 4, 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, uint256(0), ETH, int256(0)));
        engine.setCorrelation(0, ETH, 0);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, BTC, int256(1e18 + 1)));
        engine.setCorrelation(ETH, BTC, 1e18 + 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, BTC, int256(0.99e18 + 1)));
        engine.setCorrelation(ETH, BTC, 0.99e18 + 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, BTC, -int256(0.99e18 + 1)));
        engine.setCorrelation(ETH, BTC, -0.99e18 - 1);
        engine.setCorrelation(ETH, SOL, 0);
        engine.setCorrelation(BTC, SOL, 0);
        engine.setCorrelation(ETH, BTC, -0.99e18);
        engine.setCorrelation(ETH, BTC, 0.99e18);
        vm.stopPrank();
        vm.assertEq(engine.correlation(ETH, BTC), 0.99e18, "bounds inclusive");
    }

    /* GLOBALS */

    function test_setPortfolioParams_storesEmitsAndBounds() public {
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.PortfolioParamsSet(1e18, 2e18);
        vm.prank(OWNER);
        engine.setPortfolioParams(1e18, 2e18);
        vm.assertEq(uint256(engine.alpha()), 1e18, "alpha");
        vm.assertEq(uint256(engine.kIm()), 2e18, "kIm");
        _invalid("alpha", 1e18 + 1);
        engine.setPortfolioParams(1e18 + 1, 1.5e18);
        _invalid("kIm", 1e18 - 1);
        engine.setPortfolioParams(0.5e18, 1e18 - 1);
        _invalid("kIm", 2e18 + 1);
        engine.setPortfolioParams(0.5e18, 2e18 + 1);
        _invalid("alpha", 0.1e18 - 1);
        engine.setPortfolioParams(0.1e18 - 1, 1.5e18);
        // 0.2 * 5% = 1% = lf of the fixture's ETH market: the floor would not exceed the full-close penalty.
        _invalid("alpha", 0.2e18);
        engine.setPortfolioParams(0.2e18, 1.5e18);
    }

    function test_setKeeperShare_storesEmitsAndBounds() public {
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.KeeperShareSet(1e18);
        vm.prank(OWNER);
        engine.setKeeperShare(1e18);
        vm.assertEq(uint256(engine.keeperShare()), 1e18, "stored");
        _invalid("keeperShare", 1e18 + 1);
        engine.setKeeperShare(1e18 + 1);
    }

    function test_setVault_onlyOnceAndNonZero() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OnlyVault.selector, address(0xbeef)));
        vm.prank(OWNER);
        engine.setVault(address(0xbeef));

        MarginEngine fresh = new MarginEngine(address(usdc), OWNER);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAddress.selector));
        vm.prank(OWNER);
        fresh.setVault(address(0));
        vm.expectEmit(true, true, true, true, address(fresh));
        emit EventsLib.VaultSet(address(0xbeef));
        vm.prank(OWNER);
        fresh.setVault(address(0xbeef));
        vm.assertEq(fresh.vault(), address(0xbeef), "stored");
    }

    function test_constructor_emitsQuoteAndDefaults() public {
        MockERC20 dai = new MockERC20("Dai", "DAI", 18);
        vm.expectEmit(true, true, true, true);
        emit EventsLib.EngineCreated(address(dai), 18);
        vm.expectEmit(true, true, true, true);
        emit EventsLib.PortfolioParamsSet(0.25e18, 1.5e18);
        vm.expectEmit(true, true, true, true);
        emit EventsLib.KeeperShareSet(0.5e18);
        MarginEngine fresh = new MarginEngine(address(dai), OWNER);
        vm.assertEq(fresh.QUOTE_SCALE(), 1, "18-decimal quote");
        vm.assertEq(uint256(fresh.alpha()), 0.25e18, "alpha default as emitted");
        vm.assertEq(uint256(fresh.kIm()), 1.5e18, "kIm default as emitted");
        vm.assertEq(uint256(fresh.keeperShare()), 0.5e18, "keeper share default as emitted");
    }

    function test_constructor_rejectsBadQuote() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAddress.selector));
        new MarginEngine(address(0), OWNER);
        MockERC20 odd = new MockERC20("Odd", "ODD", 19);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidParameter.selector, "quoteDecimals", uint256(19)));
        new MarginEngine(address(odd), OWNER);
        vm.assertEq(engine.QUOTE_SCALE(), 1e12, "USDC scale");
    }

    /* ISSUE 11 (6): BOUNDS */

    /// alpha = 0 with rho = 1 lets 1M of offsetting gross positions run on no initial margin at all.
    function test_setPortfolioParams_refusesZeroAlpha() public {
        _invalid("alpha", 0);
        engine.setPortfolioParams(0, 1.5e18);
        vm.assertEq(uint256(engine.alpha()), 0.25e18, "alpha = 0 refused");
    }

    function test_setCorrelation_refusesAbove99Percent() public {
        vm.startPrank(OWNER);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, BTC, int256(1e18)));
        engine.setCorrelation(ETH, BTC, 1e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, SOL, -int256(0.995e18)));
        engine.setCorrelation(ETH, SOL, -0.995e18);
        vm.stopPrank();
        vm.assertEq(engine.correlation(ETH, BTC), 0.8e18, "rho = 1 refused");
        vm.assertEq(engine.correlation(ETH, SOL), 0.6e18, "rho = -0.995 refused");
    }

    /// With rho(ETH,SOL) 0.6 and rho(BTC,SOL) 0.5, rho(ETH,BTC) = -0.8 makes the determinant 0.75 - 0.88 - 0.6 < 0.
    function test_setCorrelation_refusesNonPositiveSemiDefiniteMatrix() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, BTC, -int256(0.8e18)));
        vm.prank(OWNER);
        engine.setCorrelation(ETH, BTC, -0.8e18);
        vm.assertEq(engine.correlation(ETH, BTC), 0.8e18, "a non-PSD matrix refused");
    }

    /// A fourth market correlated 0.7 with ETH alone is not PSD beside rho(ETH,BTC) = 0.8 and zeros elsewhere, so
    /// one-pair-at-a-time setting cannot reach the PSD target (0.7, 0.6, 0.6); the batch checks once, at the end.
    function test_setCorrelations_checksTheMatrixOnceAtTheEnd() public {
        uint256 link4 = listExtraMarkets(1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, ETH, link4, int256(0.7e18)));
        vm.prank(OWNER);
        engine.setCorrelation(ETH, link4, 0.7e18);

        uint256[] memory i = new uint256[](3);
        uint256[] memory j = new uint256[](3);
        int256[] memory rho = new int256[](3);
        (i[0], i[1], i[2]) = (ETH, BTC, SOL);
        (j[0], j[1], j[2]) = (link4, link4, link4);
        (rho[0], rho[1], rho[2]) = (0.7e18, 0.6e18, 0.6e18);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CorrelationSet(ETH, link4, 0.7e18);
        vm.prank(OWNER);
        engine.setCorrelations(i, j, rho);
        vm.assertEq(engine.correlation(SOL, link4), 0.6e18, "batch stored");

        rho[2] = -0.9e18; // not PSD: refused as a whole, naming the last pair
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, SOL, link4, -int256(0.9e18)));
        vm.prank(OWNER);
        engine.setCorrelations(i, j, rho);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidCorrelation.selector, uint256(2), uint256(3), int256(0)));
        vm.prank(OWNER);
        engine.setCorrelations(new uint256[](2), j, rho);
    }

    /// Setting the fixture one pair at a time passes through (0.8, 0.6, 0): determinant 1 - 0.64 - 0.36 = 0, a
    /// singular but positive semi-definite matrix, accepted within PSD_TOLERANCE.
    function test_setCorrelation_acceptsSingularButSemiDefinite() public {
        vm.startPrank(OWNER);
        engine.setCorrelation(BTC, SOL, 0);
        engine.setCorrelation(ETH, SOL, 0.6e18);
        vm.stopPrank();
        vm.assertEq(engine.correlation(ETH, SOL), 0.6e18, "singular PSD accepted");
    }
}
