// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {vm} from "../utils/Vm.sol";
import {MarginModel} from "./MarginModel.sol";
import {MarginEngine} from "../../../contracts/MarginEngine.sol";
import {LiquidityVault} from "../../../contracts/LiquidityVault.sol";
import {MockERC20} from "../../../contracts/mocks/MockERC20.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {Mode, Health} from "../../../contracts/interfaces/IMarginEngine.sol";
import {ErrorsLib} from "../../../contracts/libraries/ErrorsLib.sol";

/// @notice Invariant handler in the spirit of Liquity v2's InvariantsTestHandler: every action predicts its exact
/// outcome with the reference model (the post-state, or the full revert data), calls the engine, and records any
/// disagreement. Nothing is swallowed: an unexpected revert, an unexpected success or a post-state that differs
/// from the model increments `unexpected` and keeps the first diagnostic, which an invariant then reports.
/// Ghost flags record property violations measured on the engine itself (not on the model), and are updated
/// before the model comparison so a model mismatch never hides a property violation.
contract Handler is MarginModel {
    uint256 internal constant MAX_ACCOUNTS = 16;
    uint256 internal constant ACTIONS = 13;

    LiquidityVault internal immutable vault;
    MockERC20 internal immutable usdc;
    MockERC20[N_COLLATERALS] internal collToken;
    address[] internal actors;
    address internal immutable keeper;

    uint256[] public accountIds;
    mapping(uint256 => address) public ownerOf;
    uint256[4] internal initialAnswer;

    /* GHOSTS */

    /// @dev Quote tokens that entered / left the engine, per flow, since the handler was deployed.
    uint256 public usdcAtStart;
    uint256 public ghostUsdcIn;
    uint256 public ghostUsdcOut;
    /// @dev Per collateral: deposited, withdrawn, seized by collateral liquidators (token units).
    uint256[N_COLLATERALS] public ghostCollDeposited;
    uint256[N_COLLATERALS] public ghostCollWithdrawn;
    uint256[N_COLLATERALS] public ghostCollSeized;
    uint256 public ghostBadDebtSocialized;
    uint256 public ghostBadDebtFromInsurance;
    uint256 public ghostLiquidations;
    uint256 public ghostCollateralLiquidations;
    uint256 public ghostBadDebtSettlements;
    /// @dev Sum over successful liquidations (positions and collateral) of max(0, -NLV_hm) just before, in WAD, plus
    /// one quote unit per position leg the liquidation closed (realised PnL floors to whole quote units), plus the
    /// deficit left by successful trades (an underwater owner may close at a loss: reduce-only is excused below IM).
    uint256 public ghostNegativeNlvAtLiquidation;

    bool public liquidatedHealthy; // a successful liquidation whose account had NLV_hm >= MM before
    bool public endedBelowIm; // a successful withdraw / risk-increasing trade that left NLV_hi < IM
    bool public overLiquidated; // a successful liquidation that left NLV_hi - IM above the tolerance
    bool public liquidationAddedBadDebt; // a liquidation left more negative equity than a plain close at its prices
    bool public settledNonEmpty; // bad debt settled while the account held positions or collateral

    uint256 public unexpected;
    string public firstUnexpected;
    bytes public firstUnexpectedData;

    /// @dev Calls and successes per action (index = Action).
    uint256[ACTIONS] public calls;
    uint256[ACTIONS] public successes;

    enum Action {
        OpenAccount,
        Deposit,
        Withdraw,
        Trade,
        MovePrice,
        Crash,
        Warp,
        Liquidate,
        LiquidateCollateral,
        SettleBadDebt,
        VaultDeposit,
        VaultRedeem,
        FundInsurance
    }

    constructor(
        MarginEngine engine_,
        LiquidityVault vault_,
        MockERC20 usdc_,
        MockERC20 weth,
        MockERC20 wbtc,
        MockAggregator[4] memory feeds,
        address[] memory actors_,
        address keeper_
    ) MarginModel(engine_, address(weth), address(wbtc), feeds) {
        vault = vault_;
        usdc = usdc_;
        collToken = [weth, wbtc];
        actors = actors_;
        keeper = keeper_;
        usdcAtStart = usdc_.balanceOf(address(engine_));
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            initialAnswer[m] = uint256(feeds[m].latestAnswer());
        }
    }

    /// @dev Opens one account per mode for every actor and gives each a leveraged book, so every run starts with
    /// accounts that price moves can push under maintenance margin. Called once by the test's setUp; a seed trade
    /// that reverts fails setUp loudly.
    function seedAccounts() external {
        _approveAll(keeper);
        for (uint256 i; i < actors.length; ++i) {
            address actor = actors[i];
            _approveAll(actor);
            uint256 lev = 90 - 15 * (i % 3); // percent of the free initial margin used
            uint256[3] memory ids;
            for (uint8 mode; mode < 3; ++mode) {
                vm.prank(actor);
                ids[mode] = engine.openAccount(mode);
                _track(ids[mode], actor);
            }
            // ISOLATED: quote only, one leveraged position in a market that rotates with the actor.
            _seedDeposit(ids[0], 0, 20_000e6);
            _seedTrade(ids[0], 1 + i % 3, lev, i % 2 == 0);
            // CROSS: quote and WETH, two positions.
            _seedDeposit(ids[1], 0, 20_000e6);
            _seedDeposit(ids[1], 1, 10e18);
            _seedTrade(ids[1], 2, 50, true);
            _seedTrade(ids[1], 3, lev, false);
            // PORTFOLIO: WETH and WBTC only (fees put the quote balance into debt), a basis hedge plus a directional bet.
            _seedDeposit(ids[2], 1, 40e18);
            _seedDeposit(ids[2], 2, 0.5e8);
            _seedTrade(ids[2], 1, 100, false);
            _seedTrade(ids[2], 1 + (i + 1) % 3, lev, i % 2 == 1);
        }
    }

    function _seedDeposit(uint256 id, uint256 asset, uint256 amount) internal {
        MockERC20 token = _token(asset);
        token.mint(ownerOf[id], amount);
        vm.prank(ownerOf[id]);
        engine.deposit(id, address(token), amount);
        if (asset == 0) ghostUsdcIn += amount;
        else ghostCollDeposited[asset - 1] += amount;
    }

    function _seedTrade(uint256 id, uint256 m, uint256 levPct, bool long) internal {
        Prices memory p = _prices();
        int256 free = _surplus(_health(_load(id), p));
        int256 size = int256(uint256(free) * WAD / _effectiveImf(_load(id).mode, m) * levPct / 100 * WAD / p.market[m]);
        vm.prank(ownerOf[id]);
        engine.trade(id, m, long ? size : -size, long ? type(uint256).max : 0);
    }

    /// @dev The IM rate a new unhedged position adds at most: imf, or k_im * sigma in PORTFOLIO mode
    /// (sqrt(V) grows by at most |sigma * dx| when one exposure moves by dx).
    function _effectiveImf(Mode mode, uint256 m) internal pure returns (uint256) {
        if (mode != Mode.PORTFOLIO) return _imf(m);
        uint256 root = _sigma(m) * 3 / 2;
        return root > _imf(m) ? root : _imf(m);
    }

    /* ACCOUNTS AND COLLATERAL */

    function openAccount(uint256 actorSeed, uint8 modeSeed) external {
        _count(Action.OpenAccount);
        if (accountIds.length >= MAX_ACCOUNTS) return;
        address actor = actors[actorSeed % actors.length];
        uint8 mode = modeSeed % 3;
        uint256 expectedId = engine.nextAccountId();
        vm.prank(actor);
        try engine.openAccount(mode) returns (uint256 id) {
            if (id != expectedId) _unexpected("openAccount: id", "");
            _track(id, actor);
            _succeeded(Action.OpenAccount);
        } catch (bytes memory err) {
            _unexpected("openAccount reverted", err);
        }
    }

    function deposit(uint256 accountSeed, uint256 assetSeed, uint256 amountSeed) external {
        _count(Action.Deposit);
        uint256 id = _pickAccount(accountSeed);
        uint256 asset = assetSeed % 3; // 0 quote, 1 WETH, 2 WBTC
        uint256 amount = _depositAmount(asset, amountSeed);
        State memory before = _load(id);
        State memory afterS = _copy(before);
        if (asset == 0) afterS.quote += int256(amount);
        else afterS.bal[asset - 1] += amount;
        Prices memory p = _prices();
        (bool ok, Health memory h) = _marginOk(before, afterS, p, !_triviallySafe(before), true); // deposit
        bytes memory expected = ok ? bytes("") : _insufficientMargin(id, h);

        MockERC20 token = _token(asset);
        token.mint(ownerOf[id], amount);
        vm.prank(ownerOf[id]);
        try engine.deposit(id, address(token), amount) {
            if (asset == 0) ghostUsdcIn += amount;
            else ghostCollDeposited[asset - 1] += amount;
            if (!_expectSuccess("deposit", expected)) return;
            _checkPostState("deposit", id, afterS, p);
            _succeeded(Action.Deposit);
        } catch (bytes memory err) {
            _expectRevert("deposit", expected, err);
        }
    }

    function withdraw(uint256 accountSeed, uint256 assetSeed, uint256 amountSeed) external {
        _count(Action.Withdraw);
        uint256 id = _pickAccount(accountSeed);
        State memory before = _load(id);
        uint256 asset;
        uint256 balance;
        for (uint256 k; k < 3 && balance == 0; ++k) {
            asset = (assetSeed % 3 + k) % 3;
            balance = asset == 0 ? (before.quote > 0 ? uint256(before.quote) : 0) : before.bal[asset - 1];
        }
        if (balance == 0) return;
        // Half the time everything, else a random part: both sides of the IM boundary get exercised.
        uint256 amount = amountSeed % 2 == 0 ? balance : 1 + (amountSeed >> 1) % balance;
        State memory afterS = _copy(before);
        if (asset == 0) afterS.quote -= int256(amount);
        else afterS.bal[asset - 1] -= amount;
        Prices memory p = _prices();
        (bool ok, Health memory h) = _marginOk(before, afterS, p, false, false); // never excused
        bytes memory expected = ok ? bytes("") : _insufficientMargin(id, h);
        MockERC20 token = _token(asset);
        uint256 available = token.balanceOf(address(engine));
        if (ok && available < amount) {
            expected = abi.encodeWithSelector(ErrorsLib.InsufficientLiquidity.selector, available, amount);
        }

        vm.prank(ownerOf[id]);
        try engine.withdraw(id, address(token), amount) {
            if (asset == 0) ghostUsdcOut += amount;
            else ghostCollWithdrawn[asset - 1] += amount;
            Health memory post = _engineHealth(id);
            if (!_triviallySafe(afterS) && post.nlvInit < int256(post.im)) endedBelowIm = true;
            if (!_expectSuccess("withdraw", expected)) return;
            _checkPostState("withdraw", id, afterS, p);
            _succeeded(Action.Withdraw);
        } catch (bytes memory err) {
            _expectRevert("withdraw", expected, err);
        }
    }

    /* TRADING */

    function trade(uint256 accountSeed, uint256 marketSeed, uint256 sizeSeed) external {
        _count(Action.Trade);
        uint256 id = _pickAccount(accountSeed);
        State memory before = _load(id);
        Prices memory p = _prices();
        uint256 m = _pickMarket(before, marketSeed);
        int256 delta = _tradeSize(before, p, m, sizeSeed);
        if (delta == 0) return;

        State memory afterS = _copy(before);
        bytes memory expected;
        if (before.mode == Mode.ISOLATED && before.size[m] == 0 && _hasPositions(before)) {
            expected = abi.encodeWithSelector(ErrorsLib.IsolatedMarketTaken.selector, id, _openMarket(before));
        } else {
            int256 realized = _applyTrade(afterS, m, delta, p.market[m]);
            afterS.quote += realized - int256(_charge(delta, p.market[m], TAKER_FEE));
            bool excusable = !_triviallySafe(before) && _reducesOnly(before.size[m], delta);
            (bool ok, Health memory h) = _marginOk(before, afterS, p, excusable, false);
            if (!ok) expected = _insufficientMargin(id, h);
        }
        Health memory pre = _engineHealth(id);

        vm.prank(ownerOf[id]);
        try engine.trade(id, m, delta, delta > 0 ? type(uint256).max : 0) {
            Health memory post = _engineHealth(id);
            bool riskIncreasing = post.im > pre.im || _surplus(post) < _surplus(pre);
            if (riskIncreasing && !_triviallySafe(afterS) && post.nlvInit < int256(post.im)) endedBelowIm = true;
            // A reduce-only close below IM may empty an underwater account, realising the deficit it already had
            // (plus its taker fee) as debt: that debt is recorded here, not at a liquidation.
            if (!_hasPositions(afterS) && !_hasCollateral(afterS)) ghostNegativeNlvAtLiquidation += _deficit(post);
            if (!_expectSuccess("trade", expected)) return;
            _checkPostState("trade", id, afterS, p);
            _succeeded(Action.Trade);
        } catch (bytes memory err) {
            _expectRevert("trade", expected, err);
        }
    }

    /* PRICES AND TIME */

    /// @dev A bounded random walk step of up to +-5% on one feed (WETH/WBTC move with ETH/BTC).
    function movePrice(uint256 feedSeed, uint256 stepSeed) external {
        _count(Action.MovePrice);
        uint256 m = 1 + feedSeed % N_MARKETS;
        int256 stepBps = int256(stepSeed % 1001) - 500;
        _setAnswer(m, int256(uint256(feed[m].latestAnswer())) * (10_000 + stepBps) / 10_000);
        _succeeded(Action.MovePrice);
    }

    /// @dev A crash of 15-50% on one feed, or (one time in four) a spike of the same size.
    function crash(uint256 feedSeed, uint256 sizeSeed) external {
        _count(Action.Crash);
        uint256 m = 1 + feedSeed % N_MARKETS;
        int256 moveBps = 1_500 + int256(sizeSeed % 3_501);
        if ((sizeSeed >> 32) % 4 == 0) moveBps = -moveBps;
        _setAnswer(m, int256(uint256(feed[m].latestAnswer())) * (10_000 - moveBps) / 10_000);
        _succeeded(Action.Crash);
    }

    /// @dev Time only moves together with fresh prices, so no feed ever goes stale.
    function warp(uint256 secondsSeed) external {
        _count(Action.Warp);
        vm.warp(block.timestamp + 1 + secondsSeed % 6 hours);
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            feed[m].setPrice(feed[m].latestAnswer());
        }
        _succeeded(Action.Warp);
    }

    /* LIQUIDATION */

    function liquidate(uint256 accountSeed, uint256 fractionSeed) external {
        _count(Action.Liquidate);
        Prices memory p = _prices();
        uint256 id = _pickLiquidatable(accountSeed, p, false);
        State memory before = _load(id);
        Health memory hb = _health(before, p);
        uint256 fraction = _pickFraction(before, p, hb, fractionSeed);

        State memory afterS = _copy(before);
        bytes memory expected;
        uint256 reward;
        if (!_liquidatable(hb)) {
            expected = abi.encodeWithSelector(ErrorsLib.NotLiquidatable.selector, id, hb.nlvMaint, hb.mm);
        } else if (!_hasPositions(before)) {
            expected = abi.encodeWithSelector(ErrorsLib.NoPositions.selector, id);
        } else {
            (, uint256 penalty, uint256 closeFee) = _closeFraction(afterS, p, fraction); // settles PnL and penalty
            reward = _keeperReward(penalty, closeFee, engine.keeperShare(), usdc.balanceOf(address(engine)));
            expected = _liquidationVerdict(id, hb, _health(afterS, p), fraction == WAD);
        }
        Health memory pre = _engineHealth(id);

        vm.prank(keeper);
        try engine.liquidate(id, fraction) {
            if (!_liquidatable(pre)) liquidatedHealthy = true;
            Health memory post = _engineHealth(id);
            if (_surplus(post) > int256(pre.mm * TOLERANCE / WAD)) overLiquidated = true;
            if (_deficit(post) > _deficit(_health(_plainClose(before, p, fraction), p))) liquidationAddedBadDebt = true;
            // Plus one quote unit per closed leg: realised PnL is floored to whole quote units, so the debt left may
            // exceed the deficit measured in WAD by < 1 unit a leg (the vault ledger got that unit, settlement returns it).
            ghostNegativeNlvAtLiquidation += _deficit(pre) + _openLegs(before) * QUOTE_SCALE;
            ghostUsdcOut += reward;
            if (!_expectSuccess("liquidate", expected)) return;
            ++ghostLiquidations;
            _checkPostState("liquidate", id, afterS, p);
            _succeeded(Action.Liquidate);
        } catch (bytes memory err) {
            _expectRevert("liquidate", expected, err);
        }
    }

    struct CollateralPlan {
        uint256 id;
        uint256 c;
        uint256 maxRepay;
        uint256 repaid;
        uint256 seized;
        State afterS;
        bytes expected;
    }

    function liquidateCollateral(uint256 accountSeed, uint256 assetSeed, uint256 repaySeed) external {
        _count(Action.LiquidateCollateral);
        Prices memory p = _prices();
        CollateralPlan memory plan = _planCollateralLiquidation(_pickLiquidatable(accountSeed, p, true), assetSeed, repaySeed, p);
        Health memory pre = _engineHealth(plan.id);

        usdc.mint(keeper, plan.maxRepay);
        vm.prank(keeper);
        try engine.liquidateCollateral(plan.id, collAsset[plan.c], plan.maxRepay) {
            if (!_liquidatable(pre)) liquidatedHealthy = true;
            Health memory post = _engineHealth(plan.id);
            if (_surplus(post) > int256(pre.mm * TOLERANCE / WAD)) overLiquidated = true;
            ghostNegativeNlvAtLiquidation += _deficit(pre);
            ghostUsdcIn += plan.repaid;
            ghostCollSeized[plan.c] += plan.seized;
            if (!_expectSuccess("liquidateCollateral", plan.expected)) return;
            ++ghostCollateralLiquidations;
            _checkPostState("liquidateCollateral", plan.id, plan.afterS, p);
            _succeeded(Action.LiquidateCollateral);
        } catch (bytes memory err) {
            _expectRevert("liquidateCollateral", plan.expected, err);
        }
    }

    function _planCollateralLiquidation(uint256 id, uint256 assetSeed, uint256 repaySeed, Prices memory p)
        internal
        view
        returns (CollateralPlan memory plan)
    {
        plan.id = id;
        State memory before = _load(id);
        plan.c = before.bal[assetSeed % 2] == 0 ? 1 - assetSeed % 2 : assetSeed % 2;
        Health memory hb = _health(before, p);
        uint256 debt = before.quote < 0 ? uint256(-before.quote) : 0;
        // Half the time more than the whole debt (a complete liquidation), else a random part of it.
        plan.maxRepay = debt == 0 || repaySeed % 2 == 0 ? debt + 1 : 1 + (repaySeed >> 1) % debt;
        plan.afterS = _copy(before);
        if (!_liquidatable(hb)) {
            plan.expected = abi.encodeWithSelector(ErrorsLib.NotLiquidatable.selector, id, hb.nlvMaint, hb.mm);
        } else if (debt == 0) {
            plan.expected = abi.encodeWithSelector(ErrorsLib.NoDebt.selector, id);
        } else if (before.bal[plan.c] == 0) {
            plan.expected = abi.encodeWithSelector(
                ErrorsLib.InsufficientBalance.selector, collAsset[plan.c], uint256(0), plan.maxRepay
            );
        } else {
            uint256 balance = before.bal[plan.c];
            uint256 repay = plan.maxRepay < debt ? plan.maxRepay : debt;
            (plan.repaid, plan.seized) = _collateralTerms(plan.c, balance, repay, p.coll[plan.c]);
            plan.afterS.quote += int256(plan.repaid);
            plan.afterS.bal[plan.c] -= plan.seized;
            bool complete = plan.afterS.quote == 0 || plan.seized == balance;
            plan.expected = _liquidationVerdict(id, hb, _health(plan.afterS, p), complete);
        }
    }

    function settleBadDebt(uint256 accountSeed) external {
        _count(Action.SettleBadDebt);
        uint256 id = _pickBadDebt(accountSeed);
        State memory before = _load(id);
        bytes memory expected;
        if (_hasPositions(before) || _hasCollateral(before)) {
            expected = abi.encodeWithSelector(ErrorsLib.AccountNotEmpty.selector, id);
        } else if (before.quote >= 0) {
            expected = abi.encodeWithSelector(ErrorsLib.NoDebt.selector, id);
        }
        uint256 amount = before.quote < 0 ? uint256(-before.quote) : 0;
        uint256 insurance = engine.insuranceFund();
        uint256 fromInsurance = amount < insurance ? amount : insurance;

        try engine.settleBadDebt(id) {
            if (_hasPositions(before) || _hasCollateral(before)) settledNonEmpty = true;
            ghostBadDebtFromInsurance += fromInsurance;
            ghostBadDebtSocialized += amount - fromInsurance;
            if (!_expectSuccess("settleBadDebt", expected)) return;
            ++ghostBadDebtSettlements;
            before.quote = 0;
            _checkPostState("settleBadDebt", id, before, _prices());
            if (engine.insuranceFund() != insurance - fromInsurance) _unexpected("settleBadDebt: insurance", "");
            _succeeded(Action.SettleBadDebt);
        } catch (bytes memory err) {
            _expectRevert("settleBadDebt", expected, err);
        }
    }

    /* VAULT AND INSURANCE */

    function vaultDeposit(uint256 actorSeed, uint256 amountSeed) external {
        _count(Action.VaultDeposit);
        address lp = actors[actorSeed % actors.length];
        uint256 amount = 1 + amountSeed % 1_000_000e6;
        usdc.mint(lp, amount);
        vm.prank(lp);
        try vault.deposit(amount, lp) {
            ghostUsdcIn += amount;
            _succeeded(Action.VaultDeposit);
        } catch (bytes memory err) {
            _unexpected("vaultDeposit reverted", err);
        }
    }

    function vaultRedeem(uint256 actorSeed, uint256 sharesSeed) external {
        _count(Action.VaultRedeem);
        address lp = actors[actorSeed % actors.length];
        uint256 shares = vault.balanceOf(lp);
        if (shares == 0) return;
        shares = sharesSeed % 2 == 0 ? shares : 1 + (sharesSeed >> 1) % shares;
        uint256 assets = vault.previewRedeem(shares);
        uint256 available = usdc.balanceOf(address(engine));
        bytes memory expected = available < assets
            ? abi.encodeWithSelector(ErrorsLib.InsufficientLiquidity.selector, available, assets)
            : bytes("");
        vm.prank(lp);
        try vault.redeem(shares, lp, lp) returns (uint256 paid) {
            ghostUsdcOut += paid;
            if (!_expectSuccess("vaultRedeem", expected)) return;
            if (paid != assets) _unexpected("vaultRedeem: assets", abi.encode(paid, assets));
            _succeeded(Action.VaultRedeem);
        } catch (bytes memory err) {
            _expectRevert("vaultRedeem", expected, err);
        }
    }

    function fundInsurance(uint256 amountSeed) external {
        _count(Action.FundInsurance);
        uint256 amount = 1 + amountSeed % 100_000e6;
        usdc.mint(keeper, amount);
        vm.prank(keeper);
        try engine.fundInsurance(amount) {
            ghostUsdcIn += amount;
            _succeeded(Action.FundInsurance);
        } catch (bytes memory err) {
            _unexpected("fundInsurance reverted", err);
        }
    }

    /* VIEWS FOR THE INVARIANTS */

    function accountCount() external view returns (uint256) {
        return accountIds.length;
    }

    function modelHealth(uint256 id) external view returns (Health memory) {
        return _health(_load(id), _prices());
    }

    function totalCalls() external view returns (uint256 total) {
        for (uint256 i; i < ACTIONS; ++i) {
            total += calls[i];
        }
    }

    /* INTERNAL: CHOICES */

    function _pickAccount(uint256 seed) internal view returns (uint256) {
        return accountIds[seed % accountIds.length];
    }

    /// @dev Scans from a random start for an account the model says is liquidatable (with quote debt when
    /// `needDebt`); falls back to the random account so the refusal paths are exercised too.
    function _pickLiquidatable(uint256 seed, Prices memory p, bool needDebt) internal view returns (uint256) {
        uint256 n = accountIds.length;
        if (seed % 8 != 0) {
            for (uint256 k; k < n; ++k) {
                uint256 id = accountIds[(seed % n + k) % n];
                State memory s = _load(id);
                if (needDebt && s.quote >= 0) continue;
                if (_liquidatable(_health(s, p))) return id;
            }
        }
        return accountIds[seed % n];
    }

    function _pickBadDebt(uint256 seed) internal view returns (uint256) {
        uint256 n = accountIds.length;
        if (seed % 4 != 0) {
            for (uint256 k; k < n; ++k) {
                uint256 id = accountIds[(seed % n + k) % n];
                State memory s = _load(id);
                if (s.quote < 0 && !_hasPositions(s) && !_hasCollateral(s)) return id;
            }
        }
        return accountIds[seed % n];
    }

    function _pickMarket(State memory s, uint256 seed) internal pure returns (uint256) {
        // ISOLATED accounts mostly trade their own market; one time in five they try another (and are refused).
        if (s.mode == Mode.ISOLATED && _hasPositions(s) && seed % 5 != 0) return _openMarket(s);
        return 1 + (seed >> 8) % N_MARKETS;
    }

    function _openMarket(State memory s) internal pure returns (uint256) {
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            if (s.size[m] != 0) return m;
        }
        return 0;
    }

    /// @dev Four kinds of trade: random size, leveraged to 50-110% of the free initial margin, a partial close,
    /// and a full close.
    function _tradeSize(State memory s, Prices memory p, uint256 m, uint256 seed) internal pure returns (int256) {
        uint256 kind = seed % 4;
        int256 size = s.size[m];
        if (kind >= 2 && size != 0) {
            if (kind == 3) return -size;
            return -(size * int256(1 + (seed >> 8) % 999)) / 1000;
        }
        bool long = (seed >> 4) % 2 == 0;
        uint256 notional; // WAD USD
        if (kind == 1) {
            int256 free = _surplus(_health(s, p));
            if (free <= 0) return 0;
            notional = uint256(free) * WAD / _effectiveImf(s.mode, m) * (50 + (seed >> 16) % 61) / 100;
        } else {
            notional = (10 + (seed >> 16) % 200_000) * WAD;
        }
        int256 delta = int256(notional * WAD / p.market[m]);
        return long ? delta : -delta;
    }

    /// @dev What a keeper would send: the smallest fraction (binary search on the model) that restores
    /// NLV_hm >= MM, or 1e18 when none does; sometimes perturbed, sometimes random, to exercise both refusals.
    function _pickFraction(State memory s, Prices memory p, Health memory hb, uint256 seed)
        internal
        pure
        returns (uint256)
    {
        uint256 kind = seed % 8;
        if (kind == 0) return 1 + (seed >> 8) % WAD; // random
        if (kind == 1) return WAD;
        if (!_liquidatable(hb) || !_hasPositions(s)) return 1 + (seed >> 8) % WAD;
        uint256 lo = 1;
        uint256 hi = WAD;
        if (!_restores(s, p, WAD)) return WAD;
        while (hi - lo > 1e9) {
            uint256 mid = (lo + hi) / 2;
            if (_restores(s, p, mid)) hi = mid;
            else lo = mid;
        }
        if (kind == 2) return lo; // just short of restoring: refused unless complete
        if (kind == 3) return hi + (WAD - hi) * ((seed >> 8) % 100) / 100; // somewhere above: may over-liquidate
        if (kind == 4) return _overLiquidationEdge(s, p, hb, hi, kind); // largest accepted fraction
        if (kind == 5) return _overLiquidationEdge(s, p, hb, hi, kind); // smallest over-liquidating fraction
        return hi;
    }

    /// @dev Bisection on NLV_hi - IM <= tolerance above the restoring fraction `from`, so the tolerance boundary
    /// itself is probed from both sides (a wrong tolerance in the engine then shows up as a model mismatch).
    function _overLiquidationEdge(State memory s, Prices memory p, Health memory hb, uint256 from, uint256 kind)
        internal
        pure
        returns (uint256)
    {
        int256 tolerance = int256(hb.mm * TOLERANCE / WAD);
        if (_surplusAfter(s, p, WAD) <= tolerance) return WAD; // no fraction over-liquidates
        uint256 lo = from;
        uint256 hi = WAD;
        if (_surplusAfter(s, p, lo) > tolerance) return lo;
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) / 2;
            if (_surplusAfter(s, p, mid) <= tolerance) lo = mid;
            else hi = mid;
        }
        return kind == 4 ? lo : hi;
    }

    function _surplusAfter(State memory s, Prices memory p, uint256 fraction) internal pure returns (int256) {
        State memory t = _copy(s);
        _closeFraction(t, p, fraction);
        return _surplus(_health(t, p));
    }

    function _openLegs(State memory s) internal pure returns (uint256 legs) {
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            if (s.size[m] != 0) ++legs;
        }
    }

    /// @dev Negative equity (NLV_hm below zero) in WAD, else 0.
    function _deficit(Health memory h) internal pure returns (uint256) {
        return h.nlvMaint < 0 ? uint256(-h.nlvMaint) : 0;
    }

    function _restores(State memory s, Prices memory p, uint256 fraction) internal pure returns (bool) {
        State memory t = _copy(s);
        _closeFraction(t, p, fraction);
        return !_liquidatable(_health(t, p));
    }

    function _depositAmount(uint256 asset, uint256 seed) internal pure returns (uint256) {
        if (asset == 0) return 1 + seed % 500_000e6; // up to 500k USDC
        if (asset == 1) return 1 + seed % 200e18; // up to 200 WETH
        return 1 + seed % 5e8; // up to 5 WBTC
    }

    function _token(uint256 asset) internal view returns (MockERC20) {
        return asset == 0 ? usdc : collToken[asset - 1];
    }

    /// @dev Keeps every answer within 1/20..20x of its start so sizes and values stay in realistic ranges.
    function _setAnswer(uint256 m, int256 answer) internal {
        int256 start = int256(initialAnswer[m]);
        if (answer < start / 20) answer = start / 20;
        if (answer > start * 20) answer = start * 20;
        feed[m].setPrice(answer);
    }

    /* INTERNAL: VERDICTS */

    /// @dev The engine's liquidation acceptance rule, applied to the model's post-state.
    function _liquidationVerdict(uint256 id, Health memory b, Health memory h, bool complete)
        internal
        pure
        returns (bytes memory)
    {
        uint256 tolerance = b.mm * TOLERANCE / WAD;
        if (_surplus(h) > int256(tolerance)) {
            return abi.encodeWithSelector(ErrorsLib.OverLiquidation.selector, id, _surplus(h), tolerance);
        }
        if (!complete && _liquidatable(h)) {
            return abi.encodeWithSelector(ErrorsLib.InsufficientLiquidation.selector, id, h.nlvMaint, h.mm);
        }
        return "";
    }

    function _insufficientMargin(uint256 id, Health memory h) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(ErrorsLib.InsufficientMargin.selector, id, h.nlvInit, h.im);
    }

    function _expectSuccess(string memory action, bytes memory expected) internal returns (bool) {
        if (expected.length == 0) return true;
        _unexpected(string.concat(action, ": succeeded, model expected a revert"), expected);
        return false;
    }

    function _expectRevert(string memory action, bytes memory expected, bytes memory err) internal {
        if (expected.length == 0) return _unexpected(string.concat(action, ": unexpected revert"), err);
        if (keccak256(err) != keccak256(expected)) {
            _unexpected(string.concat(action, ": revert differs from the model"), abi.encode(err, expected));
        }
    }

    /// @dev After a success the engine's stored account and its health must equal the model's prediction.
    function _checkPostState(string memory action, uint256 id, State memory predicted, Prices memory p) internal {
        State memory actual = _load(id);
        bool same = actual.quote == predicted.quote && actual.bal[0] == predicted.bal[0]
            && actual.bal[1] == predicted.bal[1];
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            same = same && actual.size[m] == predicted.size[m] && actual.basis[m] == predicted.basis[m];
        }
        if (!same) return _unexpected(string.concat(action, ": state differs from the model"), abi.encode(id));
        Health memory e = _engineHealth(id);
        Health memory h = _health(predicted, p);
        if (e.nlvMaint != h.nlvMaint || e.nlvInit != h.nlvInit || e.mm != h.mm || e.im != h.im) {
            _unexpected(string.concat(action, ": health differs from the model"), abi.encode(e, h));
        }
    }

    function _unexpected(string memory what, bytes memory data) internal {
        if (unexpected++ == 0) {
            firstUnexpected = what;
            firstUnexpectedData = data;
        }
    }

    function _engineHealth(uint256 id) internal view returns (Health memory h) {
        (h.nlvMaint, h.nlvInit, h.mm, h.im) = engine.health(id);
    }

    function _count(Action a) internal {
        ++calls[uint256(a)];
    }

    function _succeeded(Action a) internal {
        ++successes[uint256(a)];
    }

    function _track(uint256 id, address owner) internal {
        accountIds.push(id);
        ownerOf[id] = owner;
    }

    function _approveAll(address who) internal {
        vm.startPrank(who);
        usdc.approve(address(engine), type(uint256).max);
        usdc.approve(address(vault), type(uint256).max);
        collToken[0].approve(address(engine), type(uint256).max);
        collToken[1].approve(address(engine), type(uint256).max);
        vm.stopPrank();
    }
}
