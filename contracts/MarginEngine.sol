// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IMarginEngine, Mode, Position, Health} from "./interfaces/IMarginEngine.sol";
import {MarginAdmin} from "./MarginAdmin.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";
import {MathLib} from "./libraries/MathLib.sol";
import {OracleLib} from "./libraries/OracleLib.sol";
import {RiskMathLib} from "./libraries/RiskMathLib.sol";
import "./libraries/ConstantsLib.sol";

/// @title MarginEngine
/// @notice Cross-margin and portfolio-margin accounts for perpetual futures; see IMarginEngine for the spec.
/// @dev Every entry point follows: checks; state writes and events; the one margin check; token transfers last.
contract MarginEngine is IMarginEngine, MarginAdmin, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using MathLib for uint256;
    using MathLib for int256;
    using SafeCast for int256;
    using SafeCast for uint256;

    constructor(address quote, address owner_) MarginAdmin(quote, owner_) {}

    /* ACCOUNTS */

    /// @inheritdoc IMarginEngine
    function openAccount(uint8 mode) external returns (uint256 accountId) {
        if (mode > uint8(Mode.PORTFOLIO)) revert ErrorsLib.InvalidMode(mode);
        accountId = nextAccountId++;
        Account storage a = _accounts[accountId];
        a.owner = msg.sender;
        a.mode = Mode(mode);
        emit EventsLib.AccountOpened(accountId, msg.sender, Mode(mode));
    }

    /// @inheritdoc IMarginEngine
    function setOperator(uint256 accountId, address operator, bool approved) external {
        if (_account(accountId).owner != msg.sender) revert ErrorsLib.Unauthorized(accountId, msg.sender);
        isOperator[accountId][operator] = approved;
        emit EventsLib.OperatorSet(accountId, operator, approved);
    }

    /* COLLATERAL */

    /// @inheritdoc IMarginEngine
    function deposit(uint256 accountId, address asset, uint256 amount) external nonReentrant {
        Account storage a = _authorized(accountId);
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        Prices memory px;
        (Health memory before, bool excusable) = _snapshot(accountId, a, px);
        int256 newBalance;
        if (asset == QUOTE) {
            newBalance = a.quoteBalance += amount.toInt256();
        } else {
            uint256 ci = _collateralIndex(asset);
            Collateral storage c = _collaterals[ci];
            uint256 total = c.totalDeposits + amount;
            if (total > c.cap) revert ErrorsLib.DepositCapExceeded(asset, total, c.cap);
            c.totalDeposits = uint128(total);
            uint256 balance = _balances[accountId][ci] += amount;
            a.collateralMask |= uint16(1 << ci);
            newBalance = balance.toInt256();
        }
        emit EventsLib.CollateralUpdated(accountId, asset, amount.toInt256(), newBalance, REASON_DEPOSIT);
        // A deposit may raise IM (linked collateral in PORTFOLIO mode adds exposure); it is excused when it does not
        // lower NLV_hi - IM, so an account below initial margin can always be topped up.
        _enforceMargin(accountId, a, px, before, excusable, true);
        IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IMarginEngine
    function withdraw(uint256 accountId, address asset, uint256 amount) external nonReentrant {
        Account storage a = _authorized(accountId);
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        int256 newBalance;
        if (asset == QUOTE) {
            int256 balance = a.quoteBalance;
            if (balance < amount.toInt256()) revert ErrorsLib.InsufficientBalance(asset, _positive(balance), amount);
            newBalance = a.quoteBalance = balance - int256(amount);
        } else {
            uint256 ci = _collateralIndex(asset);
            uint256 balance = _balances[accountId][ci];
            if (balance < amount) revert ErrorsLib.InsufficientBalance(asset, balance, amount);
            _balances[accountId][ci] = balance - amount;
            _collaterals[ci].totalDeposits -= uint128(amount);
            if (balance == amount) a.collateralMask &= ~uint16(1 << ci);
            newBalance = int256(balance - amount);
        }
        emit EventsLib.CollateralUpdated(accountId, asset, -int256(amount), newBalance, REASON_WITHDRAW);
        // A withdrawal is never excused by risk reduction: it must leave NLV_hi >= IM.
        Prices memory px;
        _enforceMargin(accountId, a, px, _noExcuse(), false, false);
        _payOut(asset, msg.sender, amount);
    }

    /* TRADING */

    /// @inheritdoc IMarginEngine
    function trade(uint256 accountId, uint256 marketId, int256 sizeDelta, uint256 priceLimit) external nonReentrant {
        Account storage a = _authorized(accountId);
        if (sizeDelta == 0) revert ErrorsLib.ZeroAmount();
        Market storage m = _market(marketId);
        Prices memory px;
        (Health memory before, bool excusable) = _snapshot(accountId, a, px);
        uint256 price = _marketPrice(px, marketId, m);
        if (sizeDelta > 0 ? price > priceLimit : price < priceLimit) {
            revert ErrorsLib.PriceLimitExceeded(price, priceLimit);
        }
        // Rounds up (to whole quote units): the fee is a charge to the trader.
        uint256 fee = _quoteUp(sizeDelta.abs().mulDivUp(price, WAD).wMulUp(m.takerFee));
        // Below initial margin only a reduce-only trade may be excused: a flip opens new risk on the other side.
        excusable = excusable && _reducesOnly(_positions[accountId][marketId].size, sizeDelta);
        int256 realized = _applyTrade(accountId, a, marketId, m, sizeDelta, price, fee, true);
        int256 settlement = realized - int256(fee);
        vaultBalance -= settlement;
        int256 newQuote = a.quoteBalance += settlement;
        emit EventsLib.CollateralUpdated(accountId, QUOTE, settlement, newQuote, REASON_SETTLEMENT);
        _enforceMargin(accountId, a, px, before, excusable, false);
    }

    /* LIQUIDATION */

    /// @inheritdoc IMarginEngine
    function liquidate(uint256 accountId, uint256 fraction) external nonReentrant {
        if (fraction == 0 || fraction > WAD) revert ErrorsLib.InvalidFraction(fraction);
        Account storage a = _account(accountId);
        Prices memory px;
        Health memory before = _requireLiquidatable(accountId, a, px);
        if (a.marketMask == 0) revert ErrorsLib.NoPositions(accountId);
        (int256 realized, uint256 penalty, uint256 closeFee) = _closeFraction(accountId, a, px, fraction);
        vaultBalance -= realized;
        a.quoteBalance += realized;
        Health memory h = _health(accountId, a, px);
        penalty = _cappedPenalty(h, penalty);
        int256 newQuote = a.quoteBalance -= int256(penalty);
        uint256 reward = _keeperReward(penalty, closeFee);
        uint256 newInsurance = insuranceFund += penalty - reward;
        emit EventsLib.CollateralUpdated(accountId, QUOTE, realized - int256(penalty), newQuote, REASON_PENALTY);
        _checkLiquidation(accountId, before, h, fraction == WAD);
        emit EventsLib.Liquidated(accountId, msg.sender, fraction, penalty, reward, newInsurance);
        if (reward != 0) IERC20(QUOTE).safeTransfer(msg.sender, reward);
    }

    /// @inheritdoc IMarginEngine
    function liquidateCollateral(uint256 accountId, address asset, uint256 maxRepay) external nonReentrant {
        if (maxRepay == 0) revert ErrorsLib.ZeroAmount();
        Account storage a = _account(accountId);
        uint256 ci = _collateralIndex(asset);
        Prices memory px;
        Health memory before = _requireLiquidatable(accountId, a, px);
        int256 quote = a.quoteBalance;
        if (quote >= 0) revert ErrorsLib.NoDebt(accountId);
        Collateral storage c = _collaterals[ci];
        uint256 balance = _balances[accountId][ci];
        if (balance == 0) revert ErrorsLib.InsufficientBalance(asset, 0, maxRepay);
        (uint256 repaid, uint256 seized) = _collateralTerms(c, _collateralPrice(px, ci, c), balance, uint256(-quote).min(maxRepay));
        int256 newQuote = a.quoteBalance = quote + int256(repaid);
        _balances[accountId][ci] = balance - seized;
        c.totalDeposits -= uint128(seized);
        if (seized == balance) a.collateralMask &= ~uint16(1 << ci);
        emit EventsLib.CollateralUpdated(accountId, QUOTE, int256(repaid), newQuote, REASON_REPAID);
        emit EventsLib.CollateralUpdated(accountId, asset, -int256(seized), int256(balance - seized), REASON_SEIZED);
        _checkLiquidation(accountId, before, _health(accountId, a, px), newQuote == 0 || seized == balance);
        emit EventsLib.CollateralLiquidated(accountId, msg.sender, asset, repaid, seized);
        IERC20(QUOTE).safeTransferFrom(msg.sender, address(this), repaid);
        if (seized != 0) IERC20(asset).safeTransfer(msg.sender, seized);
    }

    /// @inheritdoc IMarginEngine
    function settleBadDebt(uint256 accountId) external nonReentrant {
        Account storage a = _account(accountId);
        if (a.marketMask != 0 || a.collateralMask != 0) revert ErrorsLib.AccountNotEmpty(accountId);
        int256 quote = a.quoteBalance;
        if (quote >= 0) revert ErrorsLib.NoDebt(accountId);
        uint256 amount = uint256(-quote);
        uint256 fromInsurance = amount.min(insuranceFund);
        uint256 socialized = amount - fromInsurance;
        uint256 newInsurance = insuranceFund -= fromInsurance;
        a.quoteBalance = 0;
        if (socialized != 0) {
            int256 newVault = vaultBalance -= int256(socialized);
            emit EventsLib.VaultBalanceUpdated(-int256(socialized), newVault);
        }
        emit EventsLib.CollateralUpdated(accountId, QUOTE, int256(amount), 0, REASON_BAD_DEBT);
        // No margin check: the account now holds nothing, so NLV = IM = 0.
        emit EventsLib.BadDebtSettled(accountId, amount, fromInsurance, socialized, newInsurance);
    }

    /* INSURANCE AND VAULT */

    /// @inheritdoc IMarginEngine
    function fundInsurance(uint256 amount) external nonReentrant {
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        uint256 newInsurance = insuranceFund += amount;
        emit EventsLib.InsuranceFunded(msg.sender, amount, newInsurance);
        IERC20(QUOTE).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IMarginEngine
    function vaultDeposit(uint256 assets) external nonReentrant {
        if (msg.sender != vault) revert ErrorsLib.OnlyVault(msg.sender);
        int256 newVault = vaultBalance += assets.toInt256();
        emit EventsLib.VaultBalanceUpdated(int256(assets), newVault);
    }

    /// @inheritdoc IMarginEngine
    function vaultWithdraw(address receiver, uint256 assets) external nonReentrant {
        if (msg.sender != vault) revert ErrorsLib.OnlyVault(msg.sender);
        int256 newVault = vaultBalance -= assets.toInt256();
        emit EventsLib.VaultBalanceUpdated(-int256(assets), newVault);
        _payOut(QUOTE, receiver, assets);
    }

    /// @inheritdoc IMarginEngine
    function vaultAssets() external view returns (uint256) {
        int256 traderPnl;
        for (uint256 i = 1; i <= marketCount; ++i) {
            Market storage m = _markets[i];
            (int256 netSize, int256 netOpenNotional) = (m.netSize, m.netOpenNotional);
            if (netSize == 0 && netOpenNotional == 0) continue;
            uint256 price = OracleLib.price(m.aggregator, m.heartbeat, m.feedDecimals);
            // Rounds up: traders' gains are the vault's liabilities.
            traderPnl += netSize.mulDivCeil(price, WAD) - netOpenNotional;
        }
        traderPnl = traderPnl.mulDivCeil(1, QUOTE_SCALE);
        int256 nav = vaultBalance - traderPnl;
        return nav > 0 ? uint256(nav) : 0;
    }

    /* VIEWS */

    /// @inheritdoc IMarginEngine
    function health(uint256 accountId)
        external
        view
        returns (int256 nlvMaint, int256 nlvInit, uint256 mm, uint256 im)
    {
        Prices memory px;
        Health memory h = _health(accountId, _account(accountId), px);
        return (h.nlvMaint, h.nlvInit, h.mm, h.im);
    }

    /// @inheritdoc IMarginEngine
    function healthBatch(uint256[] calldata accountIds) external view returns (Health[] memory hs) {
        hs = new Health[](accountIds.length);
        Prices memory px;
        for (uint256 i; i < accountIds.length; ++i) {
            hs[i] = _health(accountIds[i], _account(accountIds[i]), px);
        }
    }

    function accountInfo(uint256 accountId)
        external
        view
        returns (address owner, Mode mode, int256 quoteBalance, uint64 marketMask, uint16 collateralMask)
    {
        Account storage a = _accounts[accountId];
        return (a.owner, a.mode, a.quoteBalance, a.marketMask, a.collateralMask);
    }

    function positionOf(uint256 accountId, uint256 marketId) external view returns (int256 size, int256 openNotional) {
        Position memory p = _positions[accountId][marketId];
        return (p.size, p.openNotional);
    }

    function collateralBalanceOf(uint256 accountId, address asset) external view returns (uint256) {
        return _balances[accountId][_collateralIndex(asset)];
    }

    function marketPrice(uint256 marketId) external view returns (uint256) {
        Market storage m = _market(marketId);
        return OracleLib.price(m.aggregator, m.heartbeat, m.feedDecimals);
    }

    function collateralPrice(address asset) external view returns (uint256) {
        Collateral storage c = _collaterals[_collateralIndex(asset)];
        return OracleLib.price(c.aggregator, c.heartbeat, c.feedDecimals);
    }

    /// @notice Sum of all accounts' sizes (the vault holds the opposite) and of their open notional.
    function openInterest(uint256 marketId) external view returns (int256 netSize, int256 netOpenNotional) {
        Market storage m = _market(marketId);
        return (m.netSize, m.netOpenNotional);
    }

    /* INTERNAL: ACCESS */

    function _account(uint256 accountId) internal view returns (Account storage a) {
        a = _accounts[accountId];
        if (a.owner == address(0)) revert ErrorsLib.UnknownAccount(accountId);
    }

    function _authorized(uint256 accountId) internal view returns (Account storage a) {
        a = _account(accountId);
        if (a.owner != msg.sender && !isOperator[accountId][msg.sender]) {
            revert ErrorsLib.Unauthorized(accountId, msg.sender);
        }
    }

    function _market(uint256 marketId) internal view returns (Market storage m) {
        m = _markets[marketId];
        if (!m.listed) revert ErrorsLib.UnknownMarket(marketId);
    }

    function _payOut(address asset, address to, uint256 amount) internal {
        uint256 available = IERC20(asset).balanceOf(address(this));
        if (available < amount) revert ErrorsLib.InsufficientLiquidity(available, amount);
        IERC20(asset).safeTransfer(to, amount);
    }

    /// @dev WAD USD to whole quote units, rounded up (for charges).
    function _quoteUp(uint256 wad) internal view returns (uint256) {
        return Math.ceilDiv(wad, QUOTE_SCALE);
    }

    /// @dev Same sign afterwards and no larger: |size + delta| <= |size| without crossing zero.
    function _reducesOnly(int256 size, int256 delta) internal pure returns (bool) {
        return (size ^ delta) < 0 && delta.abs() <= size.abs();
    }

    function _positive(int256 x) internal pure returns (uint256) {
        return x > 0 ? uint256(x) : 0;
    }

    /// @dev The `before` of an action that must end initially margined whatever the account's state before.
    function _noExcuse() internal pure returns (Health memory h) {}

    /* INTERNAL: POSITIONS */

    /// @dev Applies a signed size change at `price`, realising PnL on the closed part. Returns realised PnL in
    /// quote units; `fee` is in quote units too. `capped` applies the open-interest cap (trades only).
    function _applyTrade(
        uint256 accountId,
        Account storage a,
        uint256 marketId,
        Market storage m,
        int256 delta,
        uint256 price,
        uint256 fee,
        bool capped
    ) internal returns (int256 realized) {
        Position memory p = _positions[accountId][marketId];
        int256 size = p.size;
        int256 basis = p.openNotional;
        if (size == 0 || (size > 0) == (delta > 0)) {
            // Rounds up (toward +inf): a higher cost basis lowers the trader's PnL for longs and shorts alike.
            basis += delta.mulDivCeil(price, WAD);
        } else {
            int256 closed = delta.abs() >= size.abs() ? size : -delta;
            // The closed share of the basis rounds up, so realised PnL rounds down; the remainder stays exact in sum.
            int256 closedBasis = closed == size ? basis : basis.mulDivCeil(closed.abs(), size.abs());
            // Exit value and the conversion to quote units round toward -inf: payouts favour the protocol.
            realized = (closed.mulDivFloor(price, WAD) - closedBasis).mulDivFloor(1, QUOTE_SCALE);
            basis -= closedBasis;
            int256 opened = delta + closed;
            if (opened != 0) basis += opened.mulDivCeil(price, WAD);
        }
        int256 newSize = size + delta;
        _positions[accountId][marketId] = Position(newSize.toInt128(), basis.toInt128());
        _updateOpenInterest(marketId, m, delta, basis - p.openNotional, capped);
        _updateMarketMask(accountId, a, marketId, size, newSize);
        emit EventsLib.PositionUpdated(accountId, marketId, delta, price, newSize, basis, realized, fee);
    }

    /// @dev The cap bounds the vault's net exposure |netSize|, and binds only when that exposure grows, so
    /// positions can always be reduced after a cap cut. Liquidations are exempt (`capped` false): closing an
    /// underwater account on the minority side grows the vault's net exposure, but refusing it would leave the loss
    /// growing in the account instead — the cap must never block a liquidation.
    function _updateOpenInterest(uint256 marketId, Market storage m, int256 delta, int256 basisDelta, bool capped)
        internal
    {
        int256 netSize = m.netSize;
        int256 newNetSize = netSize + delta;
        if (capped && newNetSize.abs() > netSize.abs() && newNetSize.abs() > m.maxOpenInterest) {
            revert ErrorsLib.OpenInterestCapExceeded(marketId, newNetSize.abs(), m.maxOpenInterest);
        }
        (m.netSize, m.netOpenNotional) = (newNetSize.toInt128(), (m.netOpenNotional + basisDelta).toInt128());
    }

    function _updateMarketMask(uint256 accountId, Account storage a, uint256 marketId, int256 size, int256 newSize)
        internal
    {
        uint64 mask = a.marketMask;
        if (newSize == 0) {
            a.marketMask = mask & ~uint64(1 << marketId);
        } else if (size == 0) {
            if (a.mode == Mode.ISOLATED && mask != 0) {
                revert ErrorsLib.IsolatedMarketTaken(accountId, Math.log2(mask));
            }
            if (_popcount(mask) == MAX_ACCOUNT_POSITIONS) revert ErrorsLib.TooManyPositions(accountId);
            a.marketMask = mask | uint64(1 << marketId);
        }
    }

    /// @dev Closes `fraction` of every position at oracle prices. Returns realised PnL, the uncapped penalty and the
    /// taker fee a plain close of the same sizes would have paid (all in quote units).
    function _closeFraction(uint256 accountId, Account storage a, Prices memory px, uint256 fraction)
        internal
        returns (int256 realized, uint256 penalty, uint256 closeFee)
    {
        for (uint256 mask = a.marketMask; mask != 0; mask &= mask - 1) {
            uint256 marketId = Math.log2(mask & (~mask + 1));
            Market storage m = _markets[marketId];
            int256 size = _positions[accountId][marketId].size;
            // Rounds toward zero: a liquidation never closes more than the fraction asked for.
            int256 close = fraction == WAD ? -size : -size.mulDivTrunc(fraction, WAD);
            if (close == 0) continue;
            uint256 price = _marketPrice(px, marketId, m);
            // Rounds up (to whole quote units): the penalty is a charge to the account.
            uint256 notional = close.abs().mulDivUp(price, WAD);
            uint256 fee = _quoteUp(notional.wMulUp(m.liquidationFee));
            realized += _applyTrade(accountId, a, marketId, m, close, price, fee, false);
            penalty += fee;
            // Rounds up, exactly as trade() charges it: the plain close the keeper reward is measured against.
            closeFee += _quoteUp(notional.wMulUp(m.takerFee));
        }
    }

    /// @dev The penalty never exceeds the equity left after the close (NLV_hm, whose haircuts bound what a collateral
    /// liquidation recovers), so a liquidation never leaves more debt than a plain close at the same prices. Rounds
    /// down (the cap is an allowance to charge). Lowers `h` by the penalty charged: it only moves the quote balance.
    function _cappedPenalty(Health memory h, uint256 penalty) internal view returns (uint256 charged) {
        charged = penalty.min(_positive(h.nlvMaint) / QUOTE_SCALE);
        int256 wad = int256(charged * QUOTE_SCALE);
        (h.nlvMaint, h.nlvInit) = (h.nlvMaint - wad, h.nlvInit - wad);
    }

    /// @dev keeperShare of the penalty (rounds down: a payout), but never more than the penalty minus the taker fee of
    /// a plain close, so an owner liquidating their own account gets no more than closing it would return; and never
    /// more than the quote tokens the engine holds, so a liquidation cannot revert for lack of liquidity (the unpaid
    /// part stays in the insurance fund).
    function _keeperReward(uint256 penalty, uint256 closeFee) internal view returns (uint256) {
        uint256 reward = penalty.wMulDown(keeperShare);
        if (penalty < closeFee + reward) reward = penalty > closeFee ? penalty - closeFee : 0;
        return reward.min(IERC20(QUOTE).balanceOf(address(this)));
    }

    /// @dev Repay and seize amounts of a collateral liquidation, capped by the account's balance.
    function _collateralTerms(Collateral storage c, uint256 price, uint256 balance, uint256 repay)
        internal
        view
        returns (uint256 repaid, uint256 seized)
    {
        uint256 unit = MathLib.pow10(c.tokenDecimals);
        // Rounds down: seized collateral is paid out.
        seized = (repay * QUOTE_SCALE).wMulDown(WAD + c.bonus).mulDivDown(unit, price);
        if (seized < balance) return (repay, seized);
        // Rounds up: the repay that buys the whole balance is a charge to the liquidator.
        uint256 balanceValue = balance.mulDivUp(price, unit);
        return (_quoteUp(balanceValue.mulDivUp(WAD, WAD + c.bonus)).min(repay), balance);
    }

    /* INTERNAL: MARGIN */

    /// @dev The margin state before an action, and whether it may excuse a risk-reducing action that ends below
    /// initial margin. Accounts with nothing at risk skip the oracle reads: they were margined, nothing to excuse.
    function _snapshot(uint256 accountId, Account storage a, Prices memory px)
        internal
        view
        returns (Health memory h, bool excusable)
    {
        if (_triviallySafe(a)) return (h, false);
        return (_health(accountId, a, px), true);
    }

    /// @dev No positions, no debt and no portfolio exposure: NLV >= 0 = IM without reading a price.
    function _triviallySafe(Account storage a) internal view returns (bool) {
        return a.marketMask == 0 && a.quoteBalance >= 0 && a.mode != Mode.PORTFOLIO;
    }

    /// @dev The one margin check every user action ends with: NLV_hi >= IM afterwards, or (when `excusable`) the
    /// action did not lower the initial-margin surplus NLV_hi - IM and, unless `imMayRise`, did not raise IM
    /// (so an account below initial margin can still reduce risk or add collateral).
    function _enforceMargin(
        uint256 accountId,
        Account storage a,
        Prices memory px,
        Health memory before,
        bool excusable,
        bool imMayRise
    ) internal view {
        if (_triviallySafe(a)) return;
        Health memory h = _health(accountId, a, px);
        int256 surplus = h.nlvInit - h.im.toInt256();
        if (surplus >= 0) return;
        if (excusable && (imMayRise || h.im <= before.im) && surplus >= before.nlvInit - before.im.toInt256()) return;
        revert ErrorsLib.InsufficientMargin(accountId, h.nlvInit, h.im);
    }

    function _requireLiquidatable(uint256 accountId, Account storage a, Prices memory px)
        internal
        view
        returns (Health memory h)
    {
        h = _health(accountId, a, px);
        if (h.nlvMaint >= h.mm.toInt256()) revert ErrorsLib.NotLiquidatable(accountId, h.nlvMaint, h.mm);
    }

    /// @dev Over-liquidation check: NLV_hi - IM <= tolerance afterwards, and a partial liquidation must restore
    /// NLV_hm >= MM. `complete` marks a liquidation that took everything it could (full close or full repay/seize).
    function _checkLiquidation(uint256 accountId, Health memory before, Health memory h, bool complete)
        internal
        pure
    {
        // Rounds down: the tolerance is an allowance to the liquidator.
        uint256 tolerance = before.mm.wMulDown(LIQUIDATION_TOLERANCE);
        int256 surplus = h.nlvInit - h.im.toInt256();
        if (surplus > tolerance.toInt256()) revert ErrorsLib.OverLiquidation(accountId, surplus, tolerance);
        if (!complete && h.nlvMaint < h.mm.toInt256()) {
            revert ErrorsLib.InsufficientLiquidation(accountId, h.nlvMaint, h.mm);
        }
    }

    /// @dev NLV_hm, NLV_hi, MM and IM at current oracle prices (DESIGN.md "Margin model").
    function _health(uint256 accountId, Account storage a, Prices memory px) internal view returns (Health memory h) {
        bool portfolio = a.mode == Mode.PORTFOLIO;
        uint256 exposed; // bitmap of markets with portfolio exposure
        uint256 linkedCount; // floored collateral values inside the exposures, for the rounding bound of V
        h.nlvMaint = h.nlvInit = a.quoteBalance * int256(QUOTE_SCALE);
        for (uint256 mask = a.collateralMask; mask != 0; mask &= mask - 1) {
            uint256 ci = Math.log2(mask & (~mask + 1));
            Collateral storage c = _collaterals[ci];
            uint256 price = _collateralPrice(px, ci, c);
            // Rounds down: collateral value favours the protocol.
            uint256 value = _balances[accountId][ci].mulDivDown(price, MathLib.pow10(c.tokenDecimals));
            uint256 linked = c.linkedMarket;
            if (portfolio && linked != 0) {
                // Linked collateral counts at full price: its price risk is already in V.
                px.exposure[linked] += int256(value);
                exposed |= 1 << linked;
                ++linkedCount;
                h.nlvMaint += int256(value);
                h.nlvInit += int256(value);
            } else {
                h.nlvMaint += int256(value.wMulDown(WAD - c.hm));
                h.nlvInit += int256(value.wMulDown(WAD - c.hi));
            }
        }
        for (uint256 mask = a.marketMask; mask != 0; mask &= mask - 1) {
            uint256 marketId = Math.log2(mask & (~mask + 1));
            Market storage m = _markets[marketId];
            Position memory p = _positions[accountId][marketId];
            uint256 price = _marketPrice(px, marketId, m);
            // Rounds toward -inf: position value favours the protocol.
            int256 x = int256(p.size).mulDivFloor(price, WAD);
            h.nlvMaint += x - p.openNotional;
            h.nlvInit += x - p.openNotional;
            // Rounds up: |x| feeds requirements.
            uint256 absX = int256(p.size).abs().mulDivUp(price, WAD);
            h.mm += absX.wMulUp(m.mmf);
            h.im += absX.wMulUp(m.imf);
            if (portfolio) px.exposure[marketId] += x;
        }
        if (portfolio) {
            uint256 root = _portfolioRoot(px.exposure, exposed | a.marketMask, linkedCount);
            // Rounds up: requirements favour the protocol.
            (h.mm, h.im) = (root.max(h.mm.wMulUp(alpha)), root.wMulUp(kIm).max(h.im.wMulUp(alpha)));
        }
    }

    /// @dev sqrt(max(0, V)) rounded up over the markets in `exposed`, where V = sum_ij y_i rho_ij y_j (y_i = sigma_i *
    /// exposure_i) plus a bound on what the rounded exposures can hide (RiskMathLib.roundingAllowance). Zeroes the
    /// exposures it read so the scratch array is clean for the next account.
    function _portfolioRoot(int256[MAX_MARKETS + 1] memory e, uint256 exposed, uint256 linkedCount)
        internal
        view
        returns (uint256)
    {
        uint256[] memory ids = new uint256[](MAX_ACCOUNT_POSITIONS + MAX_COLLATERALS);
        int256[] memory y = new int256[](ids.length);
        uint256 n;
        uint256 sumAbsY;
        // Ascending market ids, so i < j for every pair below.
        for (uint256 mask = exposed; mask != 0; mask &= mask - 1) {
            uint256 id = Math.log2(mask & (~mask + 1));
            // Rounds away from zero (the bound below covers either direction against the exact value).
            y[n] = e[id].mulDivAway(_markets[id].sigma, WAD);
            sumAbsY += y[n].abs();
            ids[n++] = id;
            e[id] = 0;
        }
        int256 v;
        for (uint256 i; i < n; ++i) {
            int256 yi = y[i];
            v += yi * yi;
            for (uint256 j = i + 1; j < n; ++j) {
                int256 rho = _correlationOf(ids[i], ids[j]);
                if (rho == 0) continue;
                // Rounds toward +inf (each off-diagonal term once, then doubled): V is a requirement.
                v += 2 * (rho >= 0 ? yi * y[j] : -(yi * y[j])).mulDivCeil(rho.abs(), WAD);
            }
        }
        // Rounds up: the allowance makes V an upper bound of the exact variance (V is in WAD^2, its root in WAD).
        v += int256(RiskMathLib.roundingAllowance(n, sumAbsY, linkedCount));
        return v <= 0 ? 0 : Math.sqrt(uint256(v), Math.Rounding.Ceil);
    }

    function _marketPrice(Prices memory px, uint256 marketId, Market storage m) internal view returns (uint256 p) {
        p = px.market[marketId];
        if (p == 0) px.market[marketId] = p = OracleLib.price(m.aggregator, m.heartbeat, m.feedDecimals);
    }

    function _collateralPrice(Prices memory px, uint256 ci, Collateral storage c) internal view returns (uint256 p) {
        p = px.collateral[ci];
        if (p == 0) px.collateral[ci] = p = OracleLib.price(c.aggregator, c.heartbeat, c.feedDecimals);
    }

    function _popcount(uint64 x) internal pure returns (uint256 count) {
        for (; x != 0; x &= x - 1) ++count;
    }
}
