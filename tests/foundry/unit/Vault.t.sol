// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {UnitBase} from "../utils/UnitBase.sol";
import {vm} from "../utils/Vm.sol";
import {Mode} from "../../../contracts/interfaces/IMarginEngine.sol";
import {MarginEngine} from "../../../contracts/MarginEngine.sol";
import {LiquidityVault} from "../../../contracts/LiquidityVault.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";
import {EventsLib} from "../../../contracts/libraries/EventsLib.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

contract VaultTest is UnitBase {
    address internal immutable LP2 = makeAddr("lp2");
    address internal immutable ATTACKER = makeAddr("attacker");

    function _deposit(LiquidityVault v, address who, uint256 assets) internal returns (uint256 shares) {
        usdc.mint(who, assets);
        vm.startPrank(who);
        usdc.approve(address(v), type(uint256).max);
        shares = v.deposit(assets, who);
        vm.stopPrank();
    }

    function test_vault_depositGoesToEngineLedger() public {
        uint256 expected = vault.previewDeposit(1_000e6);
        usdc.mint(LP2, 1_000e6);
        vm.prank(LP2);
        usdc.approve(address(vault), 1_000e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.VaultBalanceUpdated(1_000e6, int256(VAULT_SEED + 1_000e6));
        vm.prank(LP2);
        uint256 shares = vault.deposit(1_000e6, LP2);
        vm.assertEq(shares, expected, "shares as previewed");
        vm.assertEq(usdc.balanceOf(address(vault)), 0, "the vault holds no tokens");
        vm.assertEq(usdc.balanceOf(address(engine)), VAULT_SEED + 1_000e6, "the engine holds them");
        vm.assertEq(vault.totalAssets(), VAULT_SEED + 1_000e6, "NAV = ledger");
    }

    function test_vault_redeemPaysFromEngineLedger() public {
        uint256 shares = _deposit(vault, LP2, 1_000e6);
        vm.expectEmit(true, true, true, true, address(engine));
        emit EventsLib.VaultBalanceUpdated(-int256(1_000e6), int256(VAULT_SEED));
        vm.prank(LP2);
        uint256 assets = vault.redeem(shares, LP2, LP2);
        vm.assertEq(assets, 1_000e6, "round trip at an unchanged NAV");
        vm.assertEq(usdc.balanceOf(LP2), 1_000e6, "paid by the engine");
        vm.assertEq(engine.vaultBalance(), int256(VAULT_SEED), "ledger debited");
    }

    function test_vault_navIsLedgerMinusTradersUnrealisedPnl() public {
        uint256 a = open(ALICE, Mode.CROSS);
        fund(ALICE, a, usdc, 10_000e6);
        tradeAt(ALICE, a, ETH, 10e18); // fee 10
        uint256 b = open(BOB, Mode.CROSS);
        fund(BOB, b, usdc, 10_000e6);
        tradeAt(BOB, b, SOL, -20e18); // fee 1.5
        int256 ledger = engine.vaultBalance();
        vm.assertEq(ledger, int256(VAULT_SEED + 11.5e6), "fees on the ledger");
        setPrice(ethFeed, 2_100e18); // Alice +1,000
        setPrice(solFeed, 140e18); // Bob +200
        vm.assertEq(engine.vaultAssets(), uint256(ledger) - 1_200e6, "traders' gains are the vault's liabilities");
        setPrice(ethFeed, 1_900e18); // Alice -1,000
        setPrice(solFeed, 160e18); // Bob -200
        vm.assertEq(engine.vaultAssets(), uint256(ledger) + 1_200e6, "traders' losses are the vault's assets");
        vm.assertEq(vault.totalAssets(), engine.vaultAssets(), "totalAssets reads the engine");
    }

    function test_vault_unrealisedLossesCannotBeFrontRunByExit() public {
        uint256 a = open(ALICE, Mode.CROSS);
        fund(ALICE, a, usdc, 100_000e6);
        tradeAt(ALICE, a, BTC, 10e18);
        uint256 lpValue = vault.previewRedeem(vault.balanceOf(LP));
        setPrice(btcFeed, 66_000e18); // Alice +60,000 unrealised
        // previewRedeem rounds down, so allow one unit.
        vm.assertApproxEqAbs(
            vault.previewRedeem(vault.balanceOf(LP)), lpValue - 60_000e6, 1, "LP exit already bears the loss"
        );
    }

    function test_vault_onlyVaultGuards() public {
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OnlyVault.selector, ALICE));
        vm.prank(ALICE);
        engine.vaultDeposit(1e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.OnlyVault.selector, ALICE));
        vm.prank(ALICE);
        engine.vaultWithdraw(ALICE, 1e6);
    }

    function test_vault_redeemRevertsWhenEngineLacksTokens() public {
        uint256 id = wethDebtAccount(2_000e18); // -1,611.2 credited to the ledger, tokens never arrived
        vm.assertLt(quoteBalanceOf(id), 0, "debt outstanding");
        uint256 shares = vault.balanceOf(LP);
        uint256 assets = vault.previewRedeem(shares);
        uint256 available = usdc.balanceOf(address(engine));
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.InsufficientLiquidity.selector, available, assets));
        vm.prank(LP);
        vault.redeem(shares, LP, LP);
    }

    function test_vault_stalePriceBlocksDepositsWhileOpenInterestExists() public {
        uint256 a = open(ALICE, Mode.CROSS);
        fund(ALICE, a, usdc, 10_000e6);
        tradeAt(ALICE, a, ETH, 1e18);
        uint256 t = START_TIME;
        vm.warp(t + 1 days + 1);
        setPrice(btcFeed, 60_000e18);
        setPrice(solFeed, 150e18);
        usdc.mint(LP2, 1e6);
        vm.startPrank(LP2);
        usdc.approve(address(vault), 1e6);
        vm.expectRevert(abi.encodeWithSelector(ErrorsLib.StalePrice.selector, address(ethFeed), t));
        vault.deposit(1e6, LP2);
        vm.stopPrank();
    }

    /// Fresh engine and vault: the attacker deposits 1 wei, then donates to both the vault and the engine. The
    /// ledger ignores donations and 6 virtual decimals make rounding theft unprofitable.
    function test_vault_inflationAttackCannotStealFromNextDepositor() public {
        MarginEngine e = new MarginEngine(address(usdc), OWNER);
        LiquidityVault v = new LiquidityVault(IERC20(address(usdc)), e);
        vm.prank(OWNER);
        e.setVault(address(v));

        uint256 attackerShares = _deposit(v, ATTACKER, 1);
        usdc.mint(ATTACKER, 2_000_000e6);
        vm.startPrank(ATTACKER);
        usdc.transfer(address(v), 1_000_000e6);
        usdc.transfer(address(e), 1_000_000e6);
        vm.stopPrank();

        uint256 victimDeposit = 1_000_000e6;
        uint256 victimShares = _deposit(v, LP2, victimDeposit);
        vm.assertGt(victimShares, 0, "victim received shares");
        vm.prank(LP2);
        uint256 victimOut = v.redeem(victimShares, LP2, LP2);
        vm.assertGe(victimOut * 1000, victimDeposit * 999, "victim keeps >= 99.9% of the deposit");

        vm.prank(ATTACKER);
        uint256 attackerOut = v.redeem(attackerShares, ATTACKER, ATTACKER);
        vm.assertLe(attackerOut, 1, "attacker recovers at most the 1 wei deposited");
    }

    function testFuzz_vault_inflationAttackBounded(uint256 seed, uint256 donation, uint256 victimDeposit) public {
        MarginEngine e = new MarginEngine(address(usdc), OWNER);
        LiquidityVault v = new LiquidityVault(IERC20(address(usdc)), e);
        vm.prank(OWNER);
        e.setVault(address(v));
        seed = bound(seed, 1, 1e12);
        donation = bound(donation, 1, 1e15);
        victimDeposit = bound(victimDeposit, 1e6, 1e15);

        _deposit(v, ATTACKER, seed);
        usdc.mint(ATTACKER, 2 * donation);
        vm.startPrank(ATTACKER);
        usdc.transfer(address(v), donation);
        usdc.transfer(address(e), donation);
        vm.stopPrank();

        uint256 victimShares = _deposit(v, LP2, victimDeposit);
        vm.assertGe(v.previewRedeem(victimShares) * 1000, victimDeposit * 999, "victim keeps >= 99.9%");
    }

    function testFuzz_vault_depositRedeemRoundTripNeverGains(uint256 assets, uint256 priceMove) public {
        uint256 a = open(ALICE, Mode.CROSS);
        fund(ALICE, a, usdc, 100_000e6);
        tradeAt(ALICE, a, ETH, 37e18);
        setPrice(ethFeed, bound(priceMove, 1_500e18, 2_500e18));
        assets = bound(assets, 1, 1e13);
        uint256 shares = _deposit(vault, LP2, assets);
        vm.prank(LP2);
        uint256 out = vault.redeem(shares, LP2, LP2);
        vm.assertLe(out, assets, "an LP round trip never gains");
    }
}
