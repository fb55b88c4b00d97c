// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MarginEngine} from "../../../contracts/MarginEngine.sol";
import {Mode} from "../../../contracts/interfaces/IMarginEngine.sol";

/// @notice A collateral token with a transfer hook (ERC-777 style) that calls back into the engine.
contract HookToken is MockERC20 {
    MarginEngine internal engine;
    uint256 internal accountId;
    bytes public lastRevert;

    constructor() MockERC20("Hook", "HOOK", 18) {}

    function arm(MarginEngine engine_, uint256 accountId_) external {
        (engine, accountId) = (engine_, accountId_);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (address(engine) == address(0) || to == address(0) || from == address(0)) return;
        MarginEngine target = engine;
        engine = MarginEngine(address(0)); // one re-entry attempt per transfer
        try target.withdraw(accountId, address(this), value) {} catch (bytes memory reason) {
            lastRevert = reason;
        }
        engine = target;
    }
}

contract ReentrancyTest is UnitBase {
    bytes4 internal constant REENTRANT = bytes4(keccak256("ReentrancyGuardReentrantCall()"));

    /// A hook that re-enters `withdraw` during the deposit's transferFrom (the last step) is refused by the guard,
    /// so the balance is credited once and cannot be withdrawn twice.
    function test_reentrancy_tokenHookCannotReenter() public {
        HookToken hook = new HookToken();
        vm.prank(OWNER);
        engine.listCollateral(address(hook), collateralParams(ethFeed, 0.1e18, 0.15e18, 0));
        uint256 id = open(ALICE, Mode.CROSS);
        hook.mint(ALICE, 1e18);
        vm.prank(ALICE);
        hook.approve(address(engine), type(uint256).max);
        hook.arm(engine, id);

        vm.prank(ALICE);
        engine.deposit(id, address(hook), 1e18);

        vm.assertEq(bytes4(hook.lastRevert()), REENTRANT, "re-entry refused by the guard");
        vm.assertEq(engine.collateralBalanceOf(id, address(hook)), 1e18, "credited once");
        vm.assertEq(hook.balanceOf(address(engine)), 1e18, "engine holds the tokens");
    }
}
