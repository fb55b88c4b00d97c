// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, Health} from "../../../contracts/interfaces/IMarginEngine.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";

/// @notice NLV, MM and IM against a straightforward reference written from DESIGN.md with the rounding directions
/// documented in MarginEngine: collateral value and x round down (x toward -inf), |x|, requirements and sigma*x
/// round up (sigma*x away from zero), each off-diagonal rho term rounds toward +inf once and is doubled,
/// sqrt(V) rounds up. Only plain integer arithmetic: no engine or library maths is reused.
contract HealthReferenceFuzzTest is UnitBase {
    struct Ref {
        int256 nlvMaint;
        int256 nlvInit;
        uint256 mm;
        uint256 im;
    }

    // Fixture parameters (BaseTest): imf, mmf, sigma per market; hm, hi, decimals, link per collateral.
    function _imf(uint256 m) internal pure returns (uint256) {
        return m == SOL ? 0.2e18 : 0.1e18;
    }

    function _mmf(uint256 m) internal pure returns (uint256) {
        return m == SOL ? 0.1e18 : 0.05e18;
    }

    function _sigma(uint256 m) internal pure returns (uint256) {
        return m == SOL ? 0.2e18 : 0.1e18;
    }

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    function _floorDivSigned(int256 a, int256 b) internal pure returns (int256 q) {
        q = a / b;
        if (a % b != 0 && a < 0) q -= 1;
    }

    function _ceilDivSigned(int256 a, int256 b) internal pure returns (int256 q) {
        q = a / b;
        if (a % b != 0 && a > 0) q += 1;
    }

    function _awayDivSigned(int256 a, int256 b) internal pure returns (int256) {
        return a >= 0 ? _ceilDivSigned(a, b) : _floorDivSigned(a, b);
    }

    function _sqrtCeil(uint256 v) internal pure returns (uint256 r) {
        if (v == 0) return 0;
        uint256 x = v;
        uint256 y = v / 2 + 1;
        while (y < x) {
            x = y;
            y = (x + v / x) / 2;
        }
        r = x;
        if (r * r < v) r += 1;
    }

    function reference_(uint256 id) internal view returns (Ref memory h) {
        (, Mode mode, int256 quote,,) = engine.accountInfo(id);
        bool portfolio = mode == Mode.PORTFOLIO;
        int256[4] memory exposure;
        uint256 exposedMask; // markets with a position or a linked collateral balance
        uint256 linked; // floored collateral values inside the exposures
        h.nlvMaint = quote * 1e12;
        h.nlvInit = quote * 1e12;

        MockERC20[2] memory tokens = [weth, wbtc];
        uint256[2] memory links = [ETH, BTC];
        for (uint256 c; c < 2; ++c) {
            uint256 bal = engine.collateralBalanceOf(id, address(tokens[c]));
            if (bal == 0) continue;
            uint256 value = bal * engine.collateralPrice(address(tokens[c])) / 10 ** tokens[c].decimals();
            if (portfolio) {
                exposure[links[c]] += int256(value);
                exposedMask |= 1 << links[c];
                ++linked;
                h.nlvMaint += int256(value);
                h.nlvInit += int256(value);
            } else {
                h.nlvMaint += int256(value * 0.9e18 / 1e18); // hm = 10%
                h.nlvInit += int256(value * 0.85e18 / 1e18); // hi = 15%
            }
        }

        uint256 mmCross;
        uint256 imCross;
        for (uint256 m = 1; m <= 3; ++m) {
            (int256 size, int256 basis) = engine.positionOf(id, m);
            if (size == 0) continue;
            uint256 price = engine.marketPrice(m);
            int256 x = _floorDivSigned(size * int256(price), 1e18);
            h.nlvMaint += x - basis;
            h.nlvInit += x - basis;
            uint256 absX = _ceilDiv(uint256(size > 0 ? size : -size) * price, 1e18);
            mmCross += _ceilDiv(absX * _mmf(m), 1e18);
            imCross += _ceilDiv(absX * _imf(m), 1e18);
            exposure[m] += x;
            exposedMask |= 1 << m;
        }
        if (!portfolio) {
            (h.mm, h.im) = (mmCross, imCross);
            return h;
        }

        (h.mm, h.im) = _portfolioRequirements(exposure, mmCross, imCross, exposedMask, linked);
    }

    function _portfolioRequirements(
        int256[4] memory exposure,
        uint256 mmCross,
        uint256 imCross,
        uint256 exposedMask,
        uint256 linked
    ) internal view returns (uint256 mm, uint256 im) {
        int256[4] memory y;
        uint256 n;
        uint256 sumAbsY;
        for (uint256 m = 1; m <= 3; ++m) {
            y[m] = _awayDivSigned(exposure[m] * int256(_sigma(m)), 1e18);
            if (exposedMask & (1 << m) == 0) continue;
            ++n;
            sumAbsY += uint256(y[m] >= 0 ? y[m] : -y[m]);
        }
        // The rounding allowance 2 s sum|y| + s^2 with s = n (2 + linked) (docs/margin-model.md).
        int256 v = n == 0 ? int256(0) : int256(2 * n * (2 + linked) * sumAbsY + (n * (2 + linked)) ** 2);
        for (uint256 i = 1; i <= 3; ++i) {
            v += y[i] * y[i];
            for (uint256 j = i + 1; j <= 3; ++j) {
                v += 2 * _ceilDivSigned(y[i] * y[j] * engine.correlation(i, j), 1e18);
            }
        }
        uint256 root = v <= 0 ? 0 : _sqrtCeil(uint256(v));
        uint256 mmFloor = _ceilDiv(mmCross * engine.alpha(), 1e18);
        uint256 imFloor = _ceilDiv(imCross * engine.alpha(), 1e18);
        uint256 imRoot = _ceilDiv(root * engine.kIm(), 1e18);
        mm = root > mmFloor ? root : mmFloor;
        im = imRoot > imFloor ? imRoot : imFloor;
    }

    function _assertMatches(uint256 id) internal view {
        Health memory h = healthOf(id);
        Ref memory r = reference_(id);
        vm.assertEq(h.nlvMaint, r.nlvMaint, "NLV_hm equals the reference");
        vm.assertEq(h.nlvInit, r.nlvInit, "NLV_hi equals the reference");
        vm.assertEq(h.mm, r.mm, "MM equals the reference");
        vm.assertEq(h.im, r.im, "IM equals the reference");
    }

    function _build(uint256 modeSeed, int256[3] memory sizes, uint256[3] memory amounts) internal returns (uint256 id) {
        id = open(ALICE, Mode(modeSeed % 3));
        if (amounts[0] != 0) fund(ALICE, id, usdc, amounts[0]);
        if (amounts[1] != 0) fund(ALICE, id, weth, amounts[1]);
        if (amounts[2] != 0) fund(ALICE, id, wbtc, amounts[2]);
        for (uint256 m = 1; m <= 3; ++m) {
            if (sizes[m - 1] == 0) continue;
            vm.prank(ALICE);
            try engine.trade(id, m, sizes[m - 1], sizes[m - 1] > 0 ? type(uint256).max : 0) {} catch {}
        }
    }

    function _boundInputs(int256[3] memory sizes, uint256[3] memory amounts) internal pure {
        sizes[0] = boundInt(sizes[0], -500e18, 500e18);
        sizes[1] = boundInt(sizes[1], -20e18, 20e18);
        sizes[2] = boundInt(sizes[2], -5_000e18, 5_000e18);
        amounts[0] = bound(amounts[0], 0, 2_000_000e6);
        amounts[1] = bound(amounts[1], 0, 1_000e18);
        amounts[2] = bound(amounts[2], 0, 50e8);
    }

    function _movePrices(uint256[3] memory prices) internal {
        setPrice(ethFeed, bound(prices[0], 1e16, 20_000e18));
        setPrice(btcFeed, bound(prices[1], 1e16, 500_000e18));
        setPrice(solFeed, bound(prices[2], 1e16, 2_000e18));
    }

    function testFuzz_health_matchesReference(
        uint256 modeSeed,
        int256[3] memory sizes,
        uint256[3] memory amounts,
        uint256[3] memory prices
    ) public {
        _boundInputs(sizes, amounts);
        uint256 id = _build(modeSeed, sizes, amounts);
        _assertMatches(id);
        _movePrices(prices);
        _assertMatches(id);
    }

    /// Portfolio mode with fuzzed correlations and portfolio parameters; setCorrelation refuses |rho| > 0.99 and
    /// non-PSD sets, so those are skipped (the order of the three calls decides which set is reached).
    function testFuzz_health_portfolioMatchesReferenceUnderAnyParameters(
        int256[3] memory sizes,
        uint256[3] memory amounts,
        uint256[3] memory prices,
        int256[3] memory rhos,
        uint256 alpha,
        uint256 kIm
    ) public {
        _boundInputs(sizes, amounts);
        uint256 id = _build(2, sizes, amounts);
        vm.startPrank(OWNER);
        engine.setCorrelation(ETH, BTC, 0);
        engine.setCorrelation(ETH, SOL, 0);
        engine.setCorrelation(BTC, SOL, 0);
        try engine.setCorrelation(ETH, BTC, boundInt(rhos[0], -0.99e18, 0.99e18)) {} catch {}
        try engine.setCorrelation(ETH, SOL, boundInt(rhos[1], -0.99e18, 0.99e18)) {} catch {}
        try engine.setCorrelation(BTC, SOL, boundInt(rhos[2], -0.99e18, 0.99e18)) {} catch {}
        // alpha * mmf > lf = mmf / 5 for every fixture market.
        engine.setPortfolioParams(bound(alpha, 0.21e18, 1e18), bound(kIm, 1e18, 2e18));
        vm.stopPrank();
        _assertMatches(id);
        _movePrices(prices);
        _assertMatches(id);
    }

    /// Hand-picked odd values that exercise every rounding branch at once (short sizes, 1-wei collateral).
    function test_health_matchesReferenceOnOddValues() public {
        uint256 id = open(ALICE, Mode.PORTFOLIO);
        fund(ALICE, id, usdc, 1_000_000e6 + 1);
        fund(ALICE, id, weth, 1);
        fund(ALICE, id, wbtc, 3);
        tradeAt(ALICE, id, ETH, -3333333333333333333);
        tradeAt(ALICE, id, BTC, 7777777777777777);
        tradeAt(ALICE, id, SOL, -1);
        setPrice(ethFeed, 1_999.99999999e18);
        setPrice(btcFeed, 60_000.00000001e18);
        setPrice(solFeed, 0.00000003e18);
        _assertMatches(id);
    }
}
