// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract FundInsuranceTest is UnitBase {
    function test_fundInsurance_creditsFundAndEmits() public {
        usdc.mint(BOB, 300e6);
        vm.prank(BOB);
        engine.fundInsurance(100e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.InsuranceFunded(BOB, 200e6, 300e6);
        vm.prank(BOB);
        engine.fundInsurance(200e6);
        vm.assertEq(engine.insuranceFund(), 300e6, "fund grew");
        vm.assertEq(usdc.balanceOf(BOB), 0, "tokens pulled");
        vm.assertEq(usdc.balanceOf(address(engine)), VAULT_SEED + 300e6, "tokens held by the engine");
        vm.assertEq(engine.vaultAssets(), VAULT_SEED, "insurance is not LP money");
    }

    function test_fundInsurance_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
        vm.prank(BOB);
        engine.fundInsurance(0);
    }

    function test_fundInsurance_revertsWithoutAllowance() public {
        usdc.mint(LP, 1e6);
        vm.expectRevert();
        vm.prank(LP); // LP approved the vault only
        engine.fundInsurance(1e6);
    }

    function testFuzz_fundInsurance_addsExactly(uint256 a, uint256 b) public {
        a = bound(a, 1, 1e30);
        b = bound(b, 1, 1e30);
        usdc.mint(BOB, a + b);
        vm.startPrank(BOB);
        engine.fundInsurance(a);
        engine.fundInsurance(b);
        vm.stopPrank();
        vm.assertEq(engine.insuranceFund(), a + b, "sum of contributions");
    }
}
