// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {BaseTest} from "../utils/BaseTest.sol";
import {vm} from "../utils/Vm.sol";
import {Handler} from "./Handler.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {Health} from "../../../contracts/interfaces/IMarginEngine.sol";

/// @notice System invariants of the margin engine, driven by `Handler` (see its NatSpec for the ghost model).
/// @dev No forge-std: forge still calls `targetContracts`/`targetSelectors` by name when the test defines them,
/// and `afterInvariant` after every run.
contract MarginInvariantsTest is BaseTest {
    /// @dev Same layout as forge-std's StdInvariant.FuzzSelector, which forge decodes.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address internal constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    Handler internal handler;

    function setUp() public override {
        super.setUp();
        address[] memory actors = new address[](3);
        (actors[0], actors[1], actors[2]) = (ALICE, BOB, makeAddr("carol"));
        MockAggregator[4] memory feeds = [MockAggregator(address(0)), ethFeed, btcFeed, solFeed];
        handler = new Handler(engine, vault, usdc, weth, wbtc, feeds, actors, KEEPER);
        handler.seedAccounts();
        // Give the actors vault shares so redemptions (and their liquidity refusals) are exercised from the start.
        for (uint256 i; i < actors.length; ++i) {
            vm.prank(LP);
            vault.transfer(actors[i], 500_000e6 * 1e6);
        }
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory s = new bytes4[](13);
        s[0] = Handler.openAccount.selector;
        s[1] = Handler.deposit.selector;
        s[2] = Handler.withdraw.selector;
        s[3] = Handler.trade.selector;
        s[4] = Handler.movePrice.selector;
        s[5] = Handler.crash.selector;
        s[6] = Handler.warp.selector;
        s[7] = Handler.liquidate.selector;
        s[8] = Handler.liquidateCollateral.selector;
        s[9] = Handler.settleBadDebt.selector;
        s[10] = Handler.vaultDeposit.selector;
        s[11] = Handler.vaultRedeem.selector;
        s[12] = Handler.fundInsurance.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), s);
    }

    /* INVARIANTS */

    /// @dev (1) Quote tokens held by the engine are exactly the signed sum of the ledgers that own them, and equal
    /// the ghost flows (what entered minus what left since setUp).
    function invariant_quoteConservation() public view {
        int256 ledgers = int256(engine.insuranceFund()) + engine.vaultBalance();
        for (uint256 i; i < handler.accountCount(); ++i) {
            (,, int256 quote,,) = engine.accountInfo(handler.accountIds(i));
            ledgers += quote;
        }
        uint256 held = usdc.balanceOf(address(engine));
        vm.assertEq(int256(held), ledgers, "usdc held == sum(quoteBalance) + insuranceFund + vaultBalance");
        vm.assertEq(
            held, handler.usdcAtStart() + handler.ghostUsdcIn() - handler.ghostUsdcOut(), "usdc held == ghost flows"
        );
    }

    /// @dev (1) Each collateral token held by the engine equals the sum of account balances and the ghost flows.
    function invariant_collateralConservation() public view {
        address[2] memory assets = [address(weth), address(wbtc)];
        for (uint256 c; c < 2; ++c) {
            uint256 sum;
            for (uint256 i; i < handler.accountCount(); ++i) {
                sum += engine.collateralBalanceOf(handler.accountIds(i), assets[c]);
            }
            uint256 held = c == 0 ? weth.balanceOf(address(engine)) : wbtc.balanceOf(address(engine));
            vm.assertEq(held, sum, "collateral held == sum of account balances");
            uint256 flows = handler.ghostCollDeposited(c) - handler.ghostCollWithdrawn(c) - handler.ghostCollSeized(c);
            vm.assertEq(held, flows, "collateral held == deposited - withdrawn - seized");
        }
    }

    /// @dev (2) No liquidation (of positions or collateral) ever hit an account with NLV_hm >= MM.
    function invariant_onlyUnhealthyLiquidated() public view {
        vm.assertFalse(handler.liquidatedHealthy(), "an account with NLV_hm >= MM was liquidated");
    }

    /// @dev (3) No successful withdraw or risk-increasing trade left NLV_hi < IM.
    function invariant_userActionsKeepInitialMargin() public view {
        vm.assertFalse(handler.endedBelowIm(), "a withdraw or risk-increasing trade ended below IM");
    }

    /// @dev (4) No successful liquidation left NLV_hi - IM above MM_before * 0.1%.
    function invariant_noOverLiquidation() public view {
        vm.assertFalse(handler.overLiquidated(), "a liquidation over-liquidated");
    }

    /// @dev Issue 11: no liquidation left more negative equity (bad debt) than a plain close of the same sizes at
    /// the same prices would have.
    function invariant_liquidationNeverAddsBadDebtBeyondAPlainClose() public view {
        vm.assertFalse(handler.liquidationAddedBadDebt(), "a liquidation created bad debt a plain close would not");
    }

    /// @dev Issue 11: all bad debt ever settled is covered by the negative equity the accounts already had when they
    /// were liquidated (liquidations themselves create none).
    function invariant_badDebtSettledWithinNegativeNlvAtLiquidation() public view {
        uint256 settled = handler.ghostBadDebtSocialized() + handler.ghostBadDebtFromInsurance();
        vm.assertLe(settled * 1e12, handler.ghostNegativeNlvAtLiquidation(), "bad debt settled beyond the deficits");
    }

    /// @dev (5) Bad debt is only settled on accounts without positions and collateral, and every settled unit
    /// came from the insurance fund or the vault.
    function invariant_badDebtOnlyWhenEmpty() public view {
        vm.assertFalse(handler.settledNonEmpty(), "bad debt settled on a non-empty account");
    }

    /// @dev (6) Net open interest and net open notional of every market equal the sums over accounts.
    function invariant_openInterestBookkeeping() public view {
        for (uint256 m = 1; m <= 3; ++m) {
            int256 sizes;
            int256 notional;
            for (uint256 i; i < handler.accountCount(); ++i) {
                (int256 size, int256 openNotional) = engine.positionOf(handler.accountIds(i), m);
                sizes += size;
                notional += openNotional;
            }
            (int256 netSize, int256 netOpenNotional) = engine.openInterest(m);
            vm.assertEq(netSize, sizes, "netSize == sum of sizes");
            vm.assertEq(netOpenNotional, notional, "netOpenNotional == sum of open notionals");
        }
    }

    /// @dev (6b) The account bitmaps agree with the stored balances: market bit m <=> size != 0, collateral bit c
    /// <=> balance != 0 (the health loop and the liquidation loop only visit set bits).
    function invariant_bitmapsMatchBalances() public view {
        address[2] memory assets = [address(weth), address(wbtc)];
        for (uint256 i; i < handler.accountCount(); ++i) {
            uint256 id = handler.accountIds(i);
            (,,, uint64 marketMask, uint16 collateralMask) = engine.accountInfo(id);
            for (uint256 m = 1; m <= 3; ++m) {
                (int256 size,) = engine.positionOf(id, m);
                vm.assertEq(marketMask & (1 << m) != 0, size != 0, "market bit <=> open position");
            }
            vm.assertEq(marketMask >> 4, 0, "no bit beyond the listed markets");
            for (uint256 c; c < 2; ++c) {
                bool held = engine.collateralBalanceOf(id, assets[c]) != 0;
                vm.assertEq(collateralMask & (1 << c) != 0, held, "collateral bit <=> balance");
            }
        }
    }

    /// @dev (7) Every action's outcome matched the model (exact post-state or exact revert data), and the engine's
    /// health of every account equals the model's to the wei.
    function invariant_engineMatchesModel() public view {
        if (handler.unexpected() != 0) {
            string memory why = string.concat(handler.firstUnexpected(), " ", vm.toString(handler.firstUnexpectedData()));
            vm.assertEq(handler.unexpected(), 0, string.concat("unexpected outcome: ", why));
        }
        for (uint256 i; i < handler.accountCount(); ++i) {
            uint256 id = handler.accountIds(i);
            Health memory e = healthOf(id);
            Health memory m = handler.modelHealth(id);
            vm.assertEq(e.nlvMaint, m.nlvMaint, "NLV_hm == model");
            vm.assertEq(e.nlvInit, m.nlvInit, "NLV_hi == model");
            vm.assertEq(e.mm, m.mm, "MM == model");
            vm.assertEq(e.im, m.im, "IM == model");
        }
    }

    /// @dev Proves forge really drives the handler, and prints per-action calls/successes of the run (visible with
    /// -vv). With INVARIANT_STATS=<path under the repo> set, it also appends one CSV line per run there, to sum over all runs.
    function afterInvariant() public {
        vm.assertGt(handler.totalCalls(), 0, "the handler was never called");
        string memory statsPath = vm.envOr("INVARIANT_STATS", string(""));
        string memory line = "";
        string[13] memory names = [
            "openAccount",
            "deposit",
            "withdraw",
            "trade",
            "movePrice",
            "crash",
            "warp",
            "liquidate",
            "liquidateCollateral",
            "settleBadDebt",
            "vaultDeposit",
            "vaultRedeem",
            "fundInsurance"
        ];
        for (uint256 i; i < names.length; ++i) {
            _log(string.concat(names[i], " calls/successes"), handler.calls(i), handler.successes(i));
            line = string.concat(line, vm.toString(handler.calls(i)), ",", vm.toString(handler.successes(i)), ",");
        }
        if (bytes(statsPath).length != 0) vm.writeLine(statsPath, line);
    }

    function _log(string memory label, uint256 a, uint256 b) internal {
        (bool ok,) = CONSOLE.call(abi.encodeWithSignature("log(string,uint256,uint256)", label, a, b));
        ok;
    }
}
