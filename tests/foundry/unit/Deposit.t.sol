// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, CollateralParams} from "../../../contracts/interfaces/IMarginEngine.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract DepositTest is UnitBase {
    uint8 internal constant REASON_DEPOSIT = 0;
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = open(ALICE, Mode.CROSS);
    }

    function test_deposit_quoteCreditsBalanceAndEmits() public {
        usdc.mint(ALICE, 1_000e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), 1_000e6, 1_000e6, REASON_DEPOSIT);
        vm.prank(ALICE);
        engine.deposit(id, address(usdc), 1_000e6);
        vm.assertEq(quoteBalanceOf(id), 1_000e6, "quote credited");
        vm.assertEq(usdc.balanceOf(ALICE), 0, "tokens pulled from the depositor");
        vm.assertEq(usdc.balanceOf(address(engine)), VAULT_SEED + 1_000e6, "tokens held by the engine");
    }

    function test_deposit_collateralCreditsBalanceSetsMaskAndEmits() public {
        fund(ALICE, id, weth, 1e18);
        weth.mint(ALICE, 2e18);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(weth), 2e18, 3e18, REASON_DEPOSIT);
        vm.prank(ALICE);
        engine.deposit(id, address(weth), 2e18);
        vm.assertEq(engine.collateralBalanceOf(id, address(weth)), 3e18, "weth credited");
        (,,,, uint16 mask) = engine.accountInfo(id);
        vm.assertEq(uint256(mask), 1, "weth (index 0) flagged in the collateral mask");
        vm.assertEq(weth.balanceOf(address(engine)), 3e18, "tokens held by the engine");
    }

    function test_deposit_quoteRepaysDebt() public {
        uint256 debtor = wethDebtAccount(2_000e18);
        vm.assertEq(quoteBalanceOf(debtor), -1_611.2e6, "scenario debt");
        usdc.mint(ALICE, 2_000e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(debtor, address(usdc), 2_000e6, 388.8e6, REASON_DEPOSIT);
        vm.prank(ALICE);
        engine.deposit(debtor, address(usdc), 2_000e6);
    }

    function test_deposit_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
        vm.prank(ALICE);
        engine.deposit(id, address(usdc), 0);
    }

    function test_deposit_revertsOnUnknownAsset() public {
        MockERC20 dai = new MockERC20("Dai", "DAI", 18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAsset.selector, address(dai)));
        vm.prank(ALICE);
        engine.deposit(id, address(dai), 1e18);
    }

    function test_deposit_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(42)));
        vm.prank(ALICE);
        engine.deposit(42, address(usdc), 1e6);
    }

    function test_deposit_revertsWhenNotAuthorized() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        vm.prank(BOB);
        engine.deposit(id, address(usdc), 1e6);
    }

    function test_deposit_revertsOverCapAcrossAccounts() public {
        CollateralParams memory p = collateralParams(ethFeed, 0.1e18, 0.15e18, ETH);
        p.cap = 5e18;
        vm.prank(OWNER);
        engine.updateCollateral(address(weth), p);
        fund(ALICE, id, weth, 3e18);
        uint256 bobId = open(BOB, Mode.CROSS);
        fund(BOB, bobId, weth, 2e18);
        weth.mint(BOB, 1);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.DepositCapExceeded.selector, address(weth), 5e18 + 1, 5e18));
        vm.prank(BOB);
        engine.deposit(bobId, address(weth), 1);
    }

    function test_deposit_withdrawFreesCapRoom() public {
        CollateralParams memory p = collateralParams(ethFeed, 0.1e18, 0.15e18, ETH);
        p.cap = 5e18;
        vm.prank(OWNER);
        engine.updateCollateral(address(weth), p);
        fund(ALICE, id, weth, 5e18);
        vm.prank(ALICE);
        engine.withdraw(id, address(weth), 1e18);
        fund(ALICE, id, weth, 1e18);
        vm.assertEq(engine.collateralBalanceOf(id, address(weth)), 5e18, "cap room reused after a withdrawal");
    }

    function testFuzz_deposit_creditsExactlyTheAmount(uint256 amount, uint256 btcAmount) public {
        amount = bound(amount, 1, 1e30);
        btcAmount = bound(btcAmount, 1, 1e20);
        fund(ALICE, id, usdc, amount);
        fund(ALICE, id, wbtc, btcAmount);
        vm.assertEq(quoteBalanceOf(id), int256(amount), "quote credited exactly");
        vm.assertEq(engine.collateralBalanceOf(id, address(wbtc)), btcAmount, "wbtc credited exactly");
        vm.assertEq(usdc.balanceOf(address(engine)), VAULT_SEED + amount, "engine holds the quote");
    }
}
