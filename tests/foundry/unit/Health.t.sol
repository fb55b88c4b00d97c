// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, Health} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";

contract HealthTest is UnitBase {
    function test_health_crossHaircutsCollateral() public {
        uint256 id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, weth, 1e18);
        fund(ALICE, id, wbtc, 0.1e8);
        fund(ALICE, id, usdc, 100e6);
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvMaint, 100e18 + 1_800e18 + 5_400e18, "NLV_hm = quote + 90% of collateral");
        vm.assertEq(h.nlvInit, 100e18 + 1_700e18 + 5_100e18, "NLV_hi = quote + 85% of collateral");
        vm.assertEq(h.mm, 0, "no positions, no MM");
        vm.assertEq(h.im, 0, "no positions, no IM");
    }

    function test_health_isolatedUsesCrossFormulas() public {
        uint256 id = open(ALICE, Mode.ISOLATED);
        fund(ALICE, id, usdc, 10_000e6);
        tradeAt(ALICE, id, SOL, -20e18); // 3,000 notional, fee 1.5
        setPrice(solFeed, 160e18); // PnL -200
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvMaint, 10_000e18 - 1.5e18 - 200e18, "NLV includes unrealised PnL");
        vm.assertEq(h.nlvInit, h.nlvMaint, "quote has no haircut");
        vm.assertEq(h.mm, 320e18, "|x| * mmf = 3,200 * 10%");
        vm.assertEq(h.im, 640e18, "|x| * imf = 3,200 * 20%");
    }

    /// 10 WETH against short 10 ETH-perp: V = 0, so only the alpha floor remains; WETH counts at full price.
    function test_health_portfolioBasisTradeNeedsOnlyTheFloor() public {
        uint256 pid = open(ALICE, Mode.PORTFOLIO);
        fund(ALICE, pid, weth, 10e18);
        tradeAt(ALICE, pid, ETH, -10e18); // fee 10 => quote -10
        Health memory h = healthOf(pid);
        vm.assertEq(h.nlvMaint, 19_990e18, "linked collateral at full price");
        vm.assertEq(h.nlvInit, 19_990e18, "no initial haircut either");
        vm.assertEq(h.mm, 250e18, "alpha * MM_cross = 25% * 1,000");
        vm.assertEq(h.im, 500e18, "alpha * IM_cross = 25% * 2,000");

        uint256 cid = open(BOB, Mode.CROSS);
        fund(BOB, cid, weth, 10e18);
        tradeAt(BOB, cid, ETH, -10e18);
        Health memory c = healthOf(cid);
        vm.assertEq(c.nlvMaint, 17_990e18, "cross haircuts the same WETH");
        vm.assertEq(c.im, 2_000e18, "cross charges the full IM");
    }

    /// y_ETH = +3,000, y_BTC = -3,000, rho = 0.5: V = 9e6 + 9e6 - 9e6, root 3,000; the rounding allowance
    /// 2 * 4 * 6,000e18 + 16 wei^2 (n = 2, no linked collateral) adds 8 wei.
    function test_health_portfolioCorrelatedMarkets() public {
        vm.prank(OWNER);
        engine.setCorrelation(ETH, BTC, 0.5e18);
        uint256 pid = open(ALICE, Mode.PORTFOLIO);
        fund(ALICE, pid, usdc, 10_000e6);
        tradeAt(ALICE, pid, ETH, 15e18);
        tradeAt(ALICE, pid, BTC, -0.5e18);
        Health memory h = healthOf(pid);
        vm.assertEq(h.nlvMaint, 10_000e18 - 30e18, "fees only");
        vm.assertEq(h.mm, 3_000e18 + 8, "MM = sqrt(V + allowance)");
        vm.assertEq(h.im, 4_500e18 + 12, "IM = kIm * sqrt(V + allowance)");
    }

    function test_health_portfolioLinkedCollateralWithoutPositions() public {
        uint256 pid = open(ALICE, Mode.PORTFOLIO);
        fund(ALICE, pid, wbtc, 1e8); // exposure 60,000 on BTC, y = 6,000
        Health memory h = healthOf(pid);
        vm.assertEq(h.nlvMaint, 60_000e18, "full price");
        // Allowance 2 * 3 * 6,000e18 + 9 wei^2 (n = 1, one linked collateral): +3 wei.
        vm.assertEq(h.mm, 6_000e18 + 3, "collateral's spot delta is margined by sigma");
        vm.assertEq(h.im, 9_000e18 + 5, "times kIm");
    }

    function test_health_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(1)));
        engine.health(1);
    }

    function test_healthBatch_matchesHealthPerAccount() public {
        uint256 a = liquidatableEthAccount();
        uint256 b = open(BOB, Mode.PORTFOLIO);
        fund(BOB, b, weth, 2e18);
        uint256[] memory ids = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (a, b, a);
        Health[] memory hs = engine.healthBatch(ids);
        vm.assertEq(hs.length, 3, "one result per id");
        for (uint256 i; i < ids.length; ++i) {
            Health memory h = healthOf(ids[i]);
            vm.assertEq(hs[i].nlvMaint, h.nlvMaint, "nlvMaint matches");
            vm.assertEq(hs[i].nlvInit, h.nlvInit, "nlvInit matches");
            vm.assertEq(hs[i].mm, h.mm, "mm matches");
            vm.assertEq(hs[i].im, h.im, "im matches");
        }
    }

    function test_healthBatch_emptyAndUnknown() public {
        vm.assertEq(engine.healthBatch(new uint256[](0)).length, 0, "empty batch");
        uint256[] memory ids = new uint256[](2);
        ids[0] = open(ALICE, Mode.CROSS);
        ids[1] = 99;
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(99)));
        engine.healthBatch(ids);
    }
}
