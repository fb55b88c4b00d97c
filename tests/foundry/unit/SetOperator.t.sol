// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract SetOperatorTest is UnitBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 10_000e6);
    }

    function test_setOperator_approvesAndEmits() public {
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.OperatorSet(id, BOB, true);
        vm.prank(ALICE);
        engine.setOperator(id, BOB, true);
        vm.assertTrue(engine.isOperator(id, BOB), "bob approved");
    }

    function test_setOperator_revokesAndEmits() public {
        vm.prank(ALICE);
        engine.setOperator(id, BOB, true);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.OperatorSet(id, BOB, false);
        vm.prank(ALICE);
        engine.setOperator(id, BOB, false);
        vm.assertFalse(engine.isOperator(id, BOB), "bob revoked");
    }

    function test_setOperator_revertsWhenNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        vm.prank(BOB);
        engine.setOperator(id, BOB, true);
    }

    function test_setOperator_operatorCannotAppointOperators() public {
        vm.prank(ALICE);
        engine.setOperator(id, BOB, true);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        vm.prank(BOB);
        engine.setOperator(id, KEEPER, true);
    }

    function test_setOperator_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(99)));
        vm.prank(ALICE);
        engine.setOperator(99, BOB, true);
    }

    function test_setOperator_operatorCanDepositTradeAndWithdrawToItself() public {
        vm.prank(ALICE);
        engine.setOperator(id, BOB, true);
        fund(BOB, id, usdc, 1_000e6);
        tradeAt(BOB, id, ETH, 1e18);
        vm.assertEq(positionSize(id, ETH), 1e18, "operator traded for the account");
        uint256 before = usdc.balanceOf(BOB);
        vm.prank(BOB);
        engine.withdraw(id, address(usdc), 500e6);
        vm.assertEq(usdc.balanceOf(BOB), before + 500e6, "withdrawal paid to the operator");
        vm.assertEq(quoteBalanceOf(id), 10_000e6 + 1_000e6 - 1e6 - 500e6, "account debited");
    }

    function test_setOperator_nonOperatorCannotAct() public {
        usdc.mint(BOB, 1e6);
        vm.startPrank(BOB);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        engine.deposit(id, address(usdc), 1e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        engine.withdraw(id, address(usdc), 1e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        engine.trade(id, ETH, 1e18, type(uint256).max);
        vm.stopPrank();
    }

    function test_setOperator_revokedOperatorCannotAct() public {
        vm.startPrank(ALICE);
        engine.setOperator(id, BOB, true);
        engine.setOperator(id, BOB, false);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        vm.prank(BOB);
        engine.withdraw(id, address(usdc), 1e6);
    }

    function test_setOperator_isPerAccount() public {
        uint256 other = open(ALICE, Mode.CROSS);
        vm.prank(ALICE);
        engine.setOperator(id, BOB, true);
        vm.assertFalse(engine.isOperator(other, BOB), "approval does not leak to sub-accounts");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, other, BOB));
        vm.prank(BOB);
        engine.trade(other, ETH, 1e18, type(uint256).max);
    }
}
