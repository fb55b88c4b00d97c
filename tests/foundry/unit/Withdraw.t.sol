// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode, Health} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";

contract WithdrawTest is UnitBase {
    uint8 internal constant REASON_WITHDRAW = 1;
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        id = open(ALICE, Mode.CROSS);
        fund(ALICE, id, usdc, 10_000e6);
    }

    function test_withdraw_quotePaysCallerAndEmits() public {
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(usdc), -4_000e6, 6_000e6, REASON_WITHDRAW);
        vm.prank(ALICE);
        engine.withdraw(id, address(usdc), 4_000e6);
        vm.assertEq(usdc.balanceOf(ALICE), 4_000e6, "paid to the caller");
        vm.assertEq(quoteBalanceOf(id), 6_000e6, "quote debited");
    }

    function test_withdraw_collateralClearsMaskWhenEmptied() public {
        fund(ALICE, id, wbtc, 1e8);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.CollateralUpdated(id, address(wbtc), -1e8, 0, REASON_WITHDRAW);
        vm.prank(ALICE);
        engine.withdraw(id, address(wbtc), 1e8);
        (,,,, uint16 mask) = engine.accountInfo(id);
        vm.assertEq(uint256(mask), 0, "collateral mask cleared");
        vm.assertEq(wbtc.balanceOf(ALICE), 1e8, "wbtc returned");
    }

    function test_withdraw_revertsOnZeroAmount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.ZeroAmount.selector));
        vm.prank(ALICE);
        engine.withdraw(id, address(usdc), 0);
    }

    function test_withdraw_revertsAboveQuoteBalance() public {
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.InsufficientBalance.selector, address(usdc), 10_000e6, 10_000e6 + 1)
        );
        vm.prank(ALICE);
        engine.withdraw(id, address(usdc), 10_000e6 + 1);
    }

    function test_withdraw_revertsOnDebtWithZeroAvailable() public {
        uint256 debtor = wethDebtAccount(2_000e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientBalance.selector, address(usdc), 0, 1));
        vm.prank(ALICE);
        engine.withdraw(debtor, address(usdc), 1);
    }

    function test_withdraw_revertsAboveCollateralBalance() public {
        fund(ALICE, id, weth, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.InsufficientBalance.selector, address(weth), 1e18, 1e18 + 1)
        );
        vm.prank(ALICE);
        engine.withdraw(id, address(weth), 1e18 + 1);
    }

    function test_withdraw_revertsOnUnknownAsset() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAsset.selector, address(0xdead)));
        vm.prank(ALICE);
        engine.withdraw(id, address(0xdead), 1);
    }

    function test_withdraw_revertsWhenNotAuthorized() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.Unauthorized.selector, id, BOB));
        vm.prank(BOB);
        engine.withdraw(id, address(usdc), 1);
    }

    function test_withdraw_revertsOnUnknownAccount() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.UnknownAccount.selector, uint256(5)));
        vm.prank(ALICE);
        engine.withdraw(5, address(usdc), 1);
    }

    /// Long 40 ETH at 2,000: IM = 8,000, NLV_hi = 9,960, so exactly 1,960 USDC is free.
    function test_withdraw_mustKeepInitialMargin() public {
        tradeAt(ALICE, id, ETH, 40e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, id, 7_999.999999e18, 8_000e18));
        vm.prank(ALICE);
        engine.withdraw(id, address(usdc), 1_960.000001e6);
        vm.prank(ALICE);
        engine.withdraw(id, address(usdc), 1_960e6);
        Health memory h = healthOf(id);
        vm.assertEq(h.nlvInit, int256(h.im), "withdrew exactly down to IM");
    }

    /// Collateral counts at its initial haircut: 10 WETH (NLV_hi 17,000) backing long 2 BTC.
    function test_withdraw_collateralUsesInitialHaircut() public {
        uint256 cid = open(BOB, Mode.CROSS);
        fund(BOB, cid, weth, 10e18); // NLV_hi = 10 * 2,000 * 0.85 = 17,000
        tradeAt(BOB, cid, BTC, 2e18); // IM = 12,000, fee 60 => NLV_hi = 16,940
        // Removing w WETH lowers NLV_hi by w * 1,700: 2.9 WETH keeps 12,010, 3 WETH leaves 11,840.
        vm.prank(BOB);
        engine.withdraw(cid, address(weth), 2.9e18);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, cid, 11_840e18, 12_000e18));
        vm.prank(BOB);
        engine.withdraw(cid, address(weth), 0.1e18);
    }

    /// An account already below IM cannot withdraw even one unit, although that barely changes its risk.
    function test_withdraw_neverExcusedBelowInitialMargin() public {
        uint256 lid = liquidatableEthAccount();
        Health memory h = healthOf(lid);
        vm.expectRevert(
            abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, lid, h.nlvInit - 1e12, h.im)
        );
        vm.prank(ALICE);
        engine.withdraw(lid, address(usdc), 1);
    }

    /// Another account's unpaid debt was credited to the vault ledger without tokens; once the LP exits, the
    /// engine cannot pay Alice's full balance.
    function test_withdraw_revertsWhenEngineLacksTokens() public {
        wethDebtAccount(2_000e18); // quote -1,611.2 owed to the vault, tokens never arrived
        uint256 shares = vault.balanceOf(LP);
        vm.prank(LP);
        vault.redeem(shares, LP, LP);
        uint256 available = usdc.balanceOf(address(engine));
        // ERC-4626 rounds the redemption down, so at most one unit stays behind.
        vm.assertApproxEqAbs(available, 10_000e6 - 1_611.2e6, 1, "the engine holds Alice's balance minus the debt");
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientLiquidity.selector, available, 10_000e6));
        vm.prank(ALICE);
        engine.withdraw(id, address(usdc), 10_000e6);
    }

    function testFuzz_withdraw_keepsInitialMargin(uint256 size, uint256 amount, uint256 price) public {
        size = bound(size, 1e15, 45e18);
        price = bound(price, 1_500e18, 2_500e18);
        tradeAt(ALICE, id, ETH, int256(size));
        setPrice(ethFeed, price);
        amount = bound(amount, 1, uint256(quoteBalanceOf(id)));
        Health memory h = healthOf(id);
        // Withdrawing quote lowers NLV_hi by exactly amount * 1e12 and leaves IM unchanged.
        bool allowed = h.nlvInit - int256(amount * 1e12) >= int256(h.im);
        vm.prank(ALICE);
        try engine.withdraw(id, address(usdc), amount) {
            vm.assertTrue(allowed, "withdraw succeeded although it breaks IM");
            Health memory after_ = healthOf(id);
            vm.assertGe(after_.nlvInit, int256(after_.im), "NLV_hi >= IM after a withdrawal");
        } catch (bytes memory err) {
            vm.assertFalse(allowed, "withdraw reverted although IM holds");
            vm.assertEq(bytes32(bytes4(err)), bytes32(ErrorsLib.InsufficientMargin.selector), "only a margin failure is expected");
        }
    }

    function testFuzz_withdraw_roundTripNeverGains(uint256 amount, uint256 wethAmount) public {
        amount = bound(amount, 1, 1e24);
        wethAmount = bound(wethAmount, 1, 1e24);
        uint256 qid = open(BOB, Mode.PORTFOLIO);
        fund(BOB, qid, usdc, amount);
        fund(BOB, qid, weth, wethAmount);
        vm.startPrank(BOB);
        engine.withdraw(qid, address(usdc), amount);
        engine.withdraw(qid, address(weth), wethAmount);
        vm.stopPrank();
        vm.assertEq(usdc.balanceOf(BOB), amount, "quote back exactly, no more");
        vm.assertEq(weth.balanceOf(BOB), wethAmount, "weth back exactly, no more");
        vm.assertEq(quoteBalanceOf(qid), 0, "nothing left in the account");
        vm.assertEq(engine.collateralBalanceOf(qid, address(weth)), 0, "no collateral left");
    }
}
