// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract OpenAccountTest is UnitBase {
    function test_openAccount_assignsSequentialIdsFromOne() public {
        vm.assertEq(open(ALICE, Mode.CROSS), 1, "first id is 1");
        vm.assertEq(open(BOB, Mode.ISOLATED), 2, "second id is 2");
        vm.assertEq(open(ALICE, Mode.PORTFOLIO), 3, "an owner may hold sub-accounts");
        vm.assertEq(engine.nextAccountId(), 4, "next id advanced");
    }

    function test_openAccount_emitsAccountOpenedWithPostState() public {
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.AccountOpened(1, ALICE, Mode.PORTFOLIO);
        uint256 id = open(ALICE, Mode.PORTFOLIO);
        (address owner, Mode mode, int256 quote, uint64 markets, uint16 collaterals) = engine.accountInfo(id);
        vm.assertEq(owner, ALICE, "owner stored");
        vm.assertEq(uint256(mode), uint256(Mode.PORTFOLIO), "mode stored");
        vm.assertEq(quote, 0, "empty quote balance");
        vm.assertEq(uint256(markets), 0, "no markets");
        vm.assertEq(uint256(collaterals), 0, "no collateral");
    }

    function test_openAccount_revertsOnInvalidMode() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidMode.selector, uint8(3)));
        vm.prank(ALICE);
        engine.openAccount(3);
    }

    function testFuzz_openAccount_acceptsOnlyKnownModes(uint8 mode) public {
        if (mode > uint8(Mode.PORTFOLIO)) {
            vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InvalidMode.selector, mode));
            vm.prank(ALICE);
            engine.openAccount(mode);
        } else {
            vm.prank(ALICE);
            uint256 id = engine.openAccount(mode);
            (, Mode stored,,,) = engine.accountInfo(id);
            vm.assertEq(uint256(stored), uint256(mode), "mode stored as given");
        }
    }

    function test_openAccount_unknownIdIsRejectedByViews() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(7)));
        engine.health(7);
    }
}
