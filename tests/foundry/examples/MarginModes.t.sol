// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, Health} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";

/// @notice The worked examples of docs/margin-model.md: the same portfolio margined in ISOLATED, CROSS and
/// PORTFOLIO mode, with every number the document derives by hand asserted to the wei.
contract MarginModesExamplesTest is BaseTest {
    /* (a) BASIS TRADE: 10 WETH + 1,000 USDC collateral, short 10 ETH-PERP at 2,000 */

    function _basis(Mode mode) internal returns (uint256 id) {
        id = open(ALICE, mode);
        fund(ALICE, id, usdc, 1_000e6);
        fund(ALICE, id, weth, 10e18);
        tradeAt(ALICE, id, ETH, -10e18);
    }

    function test_example_basisTrade_threeModes() public {
        uint256 isolated = _basis(Mode.ISOLATED);
        uint256 cross = _basis(Mode.CROSS);
        uint256 portfolio = _basis(Mode.PORTFOLIO);

        // Taker fee 10 ETH * 2,000 * 0.05% = 10 USDC, settled into the quote balance.
        (,, int256 quote,,) = engine.accountInfo(cross);
        vm.assertEq(quote, 990e6, "quote = 1,000 - 10 fee");

        // One market only, so ISOLATED and CROSS agree: WETH haircut 10% / 15%, MM 5%, IM 10% of 20,000.
        _assertHealth(isolated, 18_990e18, 17_990e18, 1_000e18, 2_000e18, "basis ISOLATED");
        _assertHealth(cross, 18_990e18, 17_990e18, 1_000e18, 2_000e18, "basis CROSS");
        // WETH counts at full price and its delta cancels the short: y_ETH = 0, V = 0, the alpha floor binds.
        _assertHealth(portfolio, 20_990e18, 20_990e18, 250e18, 500e18, "basis PORTFOLIO");
    }

    function test_example_basisTrade_afterEthCrash() public {
        uint256 cross = _basis(Mode.CROSS);
        uint256 portfolio = _basis(Mode.PORTFOLIO);
        setPrice(ethFeed, 1_400e18); // -30%

        // WETH 14,000 haircut; short PnL +6,000; MM/IM on |x| = 14,000.
        _assertHealth(cross, 19_590e18, 18_890e18, 700e18, 1_400e18, "basis CROSS after crash");
        // The hedge is exact: NLV does not move at all; only the alpha floor (25% of the CROSS requirement) shrinks.
        _assertHealth(portfolio, 20_990e18, 20_990e18, 175e18, 350e18, "basis PORTFOLIO after crash");
    }

    /* (b) PAIR: long 1 BTC-PERP at 60,000 + short 30 ETH-PERP at 2,000 (equal notional), rho = 0.8 */

    // ceil(sqrt(1.44e43 + allowance)), allowance = 2 * 4 * 12,000e18 + 16 (n = 2 markets, no linked collateral)
    uint256 internal constant PAIR_PORTFOLIO_MM = 3_794_733_192_202_055_198_412;
    uint256 internal constant PAIR_PORTFOLIO_IM = 5_692_099_788_303_082_797_618; // ceil(1.5 * MM)
    // ceil(sqrt(1.9044e43 + 2 * 4 * 13,800e18 + 16))
    uint256 internal constant RALLY_PORTFOLIO_MM = 4_363_943_171_032_363_478_172;
    uint256 internal constant RALLY_PORTFOLIO_IM = 6_545_914_756_548_545_217_258; // ceil(1.5 * MM)

    struct Pair {
        uint256 isolatedBtc;
        uint256 isolatedEth;
        uint256 cross;
        uint256 portfolio;
    }

    function _pair() internal returns (Pair memory p) {
        // ISOLATED holds one market per account, so the pair takes two accounts with half the collateral each.
        p.isolatedBtc = open(ALICE, Mode.ISOLATED);
        fund(ALICE, p.isolatedBtc, usdc, 10_000e6);
        tradeAt(ALICE, p.isolatedBtc, BTC, 1e18);
        p.isolatedEth = open(ALICE, Mode.ISOLATED);
        fund(ALICE, p.isolatedEth, usdc, 10_000e6);
        tradeAt(ALICE, p.isolatedEth, ETH, -30e18);
        p.cross = open(ALICE, Mode.CROSS);
        fund(ALICE, p.cross, usdc, 20_000e6);
        tradeAt(ALICE, p.cross, BTC, 1e18);
        tradeAt(ALICE, p.cross, ETH, -30e18);
        p.portfolio = open(ALICE, Mode.PORTFOLIO);
        fund(ALICE, p.portfolio, usdc, 20_000e6);
        tradeAt(ALICE, p.portfolio, BTC, 1e18);
        tradeAt(ALICE, p.portfolio, ETH, -30e18);
    }

    function test_example_pair_threeModes() public {
        Pair memory p = _pair();
        // Each leg pays 30 USDC taker fee; MM 5% and IM 10% of 60,000 per leg.
        _assertHealth(p.isolatedBtc, 9_970e18, 9_970e18, 3_000e18, 6_000e18, "pair ISOLATED BTC");
        _assertHealth(p.isolatedEth, 9_970e18, 9_970e18, 3_000e18, 6_000e18, "pair ISOLATED ETH");
        _assertHealth(p.cross, 19_940e18, 19_940e18, 6_000e18, 12_000e18, "pair CROSS");
        // y = (+6,000, -6,000); V = 2 * 6,000^2 * (1 - 0.8) = 1.44e43 (WAD^2); sqrt(V) beats the alpha floors.
        _assertHealth(p.portfolio, 19_940e18, 19_940e18, PAIR_PORTFOLIO_MM, PAIR_PORTFOLIO_IM, "pair PORTFOLIO");
    }

    function test_example_pair_afterCorrelatedRally() public {
        Pair memory p = _pair();
        setPrice(ethFeed, 2_300e18); // +15%
        setPrice(btcFeed, 69_000e18); // +15%

        // The short ETH leg loses 9,000 on its own 9,970 and is liquidatable; the BTC leg's gain cannot help it.
        _assertHealth(p.isolatedEth, 970e18, 970e18, 3_450e18, 6_900e18, "rally ISOLATED ETH");
        vm.assertTrue(isLiquidatable(p.isolatedEth), "ISOLATED ETH leg is liquidatable");
        _assertHealth(p.isolatedBtc, 18_970e18, 18_970e18, 3_450e18, 6_900e18, "rally ISOLATED BTC");
        // CROSS nets the legs: NLV unchanged, requirements grow with |x|.
        _assertHealth(p.cross, 19_940e18, 19_940e18, 6_900e18, 13_800e18, "rally CROSS");
        vm.assertFalse(isLiquidatable(p.cross), "CROSS pair is healthy");
        _assertHealth(p.portfolio, 19_940e18, 19_940e18, RALLY_PORTFOLIO_MM, RALLY_PORTFOLIO_IM, "rally PORTFOLIO");
    }

    /// @dev The capital-saving table of the doc: initial margin and free margin (NLV_hi - IM) per mode.
    function test_example_capitalSaving() public {
        uint256 isoBasis = _basis(Mode.ISOLATED);
        uint256 crossBasis = _basis(Mode.CROSS);
        uint256 portBasis = _basis(Mode.PORTFOLIO);
        Pair memory p = _pair();

        vm.assertEq(_free(isoBasis), 15_990e18, "basis ISOLATED free margin");
        vm.assertEq(_free(crossBasis), 15_990e18, "basis CROSS free margin");
        vm.assertEq(_free(portBasis), 20_490e18, "basis PORTFOLIO free margin");

        vm.assertEq(_free(p.isolatedBtc) + _free(p.isolatedEth), 7_940e18, "pair ISOLATED free margin (two accounts)");
        vm.assertEq(_free(p.cross), 7_940e18, "pair CROSS free margin");
        vm.assertEq(_free(p.portfolio), 19_940e18 - int256(PAIR_PORTFOLIO_IM), "pair PORTFOLIO free margin");
        vm.assertEq(19_940e18 - int256(PAIR_PORTFOLIO_IM), 14_247_900_211_696_917_202_382, "= 14,247.90");
    }

    /// @dev The doc's "deposits are margin-checked too": in PORTFOLIO mode linked collateral adds exposure, so a
    /// small WETH top-up of an account below IM with long ETH exposure raises IM; it is accepted because it raises
    /// NLV_hi - IM (from -100 to -83.34), like the same value in USDC.
    function test_example_portfolioLinkedDepositBelowIm_isAccepted() public {
        uint256 id = open(ALICE, Mode.PORTFOLIO);
        fund(ALICE, id, usdc, 20_000e6);
        tradeAt(ALICE, id, ETH, 60e18); // IM = 1.5 * 0.1 * 120,000 = 18,000; NLV = 19,940
        setPrice(ethFeed, 1_960e18); // -2%: NLV 17,540 < IM 17,640, MM 11,760
        // One market, no linked collateral: V + allowance = y^2 + 4y + 4 = (y + 2)^2, so MM = y + 2 wei.
        _assertHealth(id, 17_540e18, 17_540e18, 11_760e18 + 2, 17_640e18 + 3, "long ETH after -2%");

        fund(ALICE, id, weth, 0.01e18); // worth 19.60
        // One linked collateral: (y + 3)^2.
        _assertHealth(id, 17_559.6e18, 17_559.6e18, 11_761.96e18 + 3, 17_642.94e18 + 5, "after a WETH top-up");

        fund(ALICE, id, usdc, 19.6e6);
        _assertHealth(id, 17_579.2e18, 17_579.2e18, 11_761.96e18 + 3, 17_642.94e18 + 5, "after a USDC top-up");
    }

    function _free(uint256 id) internal view returns (int256) {
        Health memory h = healthOf(id);
        return h.nlvInit - int256(h.im);
    }

    function _assertHealth(uint256 id, int256 nlvMaint, int256 nlvInit, uint256 mm, uint256 im, string memory what)
        internal
        view
    {
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvMaint, nlvMaint, string.concat(what, ": NLV_hm"));
        vm.assertEq(h.nlvInit, nlvInit, string.concat(what, ": NLV_hi"));
        vm.assertEq(h.mm, mm, string.concat(what, ": MM"));
        vm.assertEq(h.im, im, string.concat(what, ": IM"));
    }
}
