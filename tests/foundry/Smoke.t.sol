// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BaseTest} from "./utils/BaseTest.sol";
import {vm} from "./utils/Vm.sol";
import {Mode, Health} from "../../contracts/interfaces/IMarginEngine.sol";

contract SmokeTest is BaseTest {
    function test_smoke_depositTradeHealth() public {
        uint256 id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 10_000e6);
        tradeAt(ALICE, id, ETH, 10e18);
        Health memory h = healthOf(id);
        vm.assertEq(h.mm, 1_000e18, "mm = 10 ETH * 2000 * 5%");
        vm.assertEq(h.im, 2_000e18, "im = 10 ETH * 2000 * 10%");
        vm.assertEq(h.nlvMaint, 10_000e18 - 10e18, "nlv = 10k - fee 0.05% of 20k");
        vm.assertEq(engine.vaultAssets(), VAULT_SEED + 10e6, "vault earned the fee");
    }
}
