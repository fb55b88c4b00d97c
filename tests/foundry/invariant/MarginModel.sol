// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {MarginEngine} from "../../../contracts/MarginEngine.sol";
import {MockAggregator} from "../../../contracts/mocks/MockAggregator.sol";
import {Mode, Health} from "../../../contracts/interfaces/IMarginEngine.sol";

/// @notice Reference model of the margin maths of DESIGN.md, written for the invariant handler from the design and
/// the rounding directions documented in the engine (not by calling it). The handler uses it to predict the exact
/// outcome (post-state or full revert data) of every action, so each revert can be justified.
/// @dev Parameters are the BaseTest fixture's; markets are 1..3, collaterals 0 (WETH) and 1 (WBTC).
abstract contract MarginModel {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant QUOTE_SCALE = 1e12;
    uint256 internal constant TOLERANCE = 0.001e18;
    uint256 internal constant N_MARKETS = 3;
    uint256 internal constant N_COLLATERALS = 2;

    /// @notice Everything the margin of one account depends on (prices aside).
    struct State {
        Mode mode;
        int256 quote; // quote units (6 dp), negative = debt
        uint256[N_COLLATERALS] bal; // token units
        int256[N_MARKETS + 1] size; // WAD base units, index = market id
        int256[N_MARKETS + 1] basis; // WAD USD open notional
    }

    struct Prices {
        uint256[N_MARKETS + 1] market; // WAD
        uint256[N_COLLATERALS] coll; // WAD
    }

    MarginEngine internal immutable engine;
    address[N_COLLATERALS] internal collAsset;
    MockAggregator[N_MARKETS + 1] internal feed; // feed[0] unused

    constructor(MarginEngine engine_, address weth, address wbtc, MockAggregator[4] memory feeds) {
        engine = engine_;
        collAsset = [weth, wbtc];
        feed = feeds;
    }

    /* PARAMETERS (BaseTest fixture) */

    function _imf(uint256 m) internal pure returns (uint256) {
        return m == 3 ? 0.2e18 : 0.1e18;
    }

    function _mmf(uint256 m) internal pure returns (uint256) {
        return m == 3 ? 0.1e18 : 0.05e18;
    }

    function _sigma(uint256 m) internal pure returns (uint256) {
        return m == 3 ? 0.2e18 : 0.1e18;
    }

    function _lf(uint256 m) internal pure returns (uint256) {
        return _mmf(m) / 5;
    }

    uint256 internal constant TAKER_FEE = 0.0005e18;
    uint256 internal constant HM = 0.1e18;
    uint256 internal constant HI = 0.15e18;
    uint256 internal constant BONUS = 0.05e18;

    function _collDecimals(uint256 c) internal pure returns (uint256) {
        return c == 0 ? 18 : 8;
    }

    /// @dev Collateral c is linked to market c + 1 (WETH -> ETH-PERP, WBTC -> BTC-PERP) and priced by its feed.
    function _linked(uint256 c) internal pure returns (uint256) {
        return c + 1;
    }

    function _rho(uint256 i, uint256 j) internal pure returns (int256) {
        if (i == j) return 1e18;
        uint256 key = i < j ? i * 10 + j : j * 10 + i;
        if (key == 12) return 0.8e18;
        if (key == 13) return 0.6e18;
        return 0.5e18; // 23
    }

    /* STATE AND PRICES */

    function _load(uint256 id) internal view returns (State memory s) {
        (, s.mode, s.quote,,) = engine.accountInfo(id);
        for (uint256 c; c < N_COLLATERALS; ++c) {
            s.bal[c] = engine.collateralBalanceOf(id, collAsset[c]);
        }
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            (s.size[m], s.basis[m]) = engine.positionOf(id, m);
        }
    }

    function _prices() internal view returns (Prices memory p) {
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            p.market[m] = uint256(feed[m].latestAnswer()) * 1e10; // 8-dp feeds
        }
        p.coll[0] = p.market[1];
        p.coll[1] = p.market[2];
    }

    /// @dev A deep copy: assigning a memory array to a memory struct field would only copy the reference.
    function _copy(State memory s) internal pure returns (State memory t) {
        t.mode = s.mode;
        t.quote = s.quote;
        for (uint256 c; c < N_COLLATERALS; ++c) {
            t.bal[c] = s.bal[c];
        }
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            (t.size[m], t.basis[m]) = (s.size[m], s.basis[m]);
        }
    }

    /* SIGNED ROUNDING */

    function _abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }

    function _floor(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        return x >= 0 ? int256(Math.mulDiv(uint256(x), y, d)) : -int256(Math.mulDiv(uint256(-x), y, d, Math.Rounding.Ceil));
    }

    function _ceil(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        return x >= 0 ? int256(Math.mulDiv(uint256(x), y, d, Math.Rounding.Ceil)) : -int256(Math.mulDiv(uint256(-x), y, d));
    }

    function _away(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        int256 m = int256(Math.mulDiv(_abs(x), y, d, Math.Rounding.Ceil));
        return x >= 0 ? m : -m;
    }

    function _up(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d, Math.Rounding.Ceil);
    }

    /* MARGIN */

    function _health(State memory s, Prices memory p) internal pure returns (Health memory h) {
        bool portfolio = s.mode == Mode.PORTFOLIO;
        int256[N_MARKETS + 1] memory exposure;
        uint256 exposed; // markets with a position or a linked balance
        uint256 linked; // floored collateral values inside the exposures
        int256 nlv = s.quote * int256(QUOTE_SCALE);
        h.nlvMaint = nlv;
        h.nlvInit = nlv;
        for (uint256 c; c < N_COLLATERALS; ++c) {
            if (s.bal[c] == 0) continue;
            // Collateral value rounds down.
            uint256 value = Math.mulDiv(s.bal[c], p.coll[c], 10 ** _collDecimals(c));
            if (portfolio) {
                exposure[_linked(c)] += int256(value);
                exposed |= 1 << _linked(c);
                ++linked;
                h.nlvMaint += int256(value);
                h.nlvInit += int256(value);
            } else {
                h.nlvMaint += int256(Math.mulDiv(value, WAD - HM, WAD));
                h.nlvInit += int256(Math.mulDiv(value, WAD - HI, WAD));
            }
        }
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            if (s.size[m] == 0) continue;
            int256 x = _floor(s.size[m], p.market[m], WAD); // exposure value rounds toward -inf
            h.nlvMaint += x - s.basis[m];
            h.nlvInit += x - s.basis[m];
            uint256 absX = _up(_abs(s.size[m]), p.market[m], WAD); // |x| for requirements rounds up
            h.mm += _up(absX, _mmf(m), WAD);
            h.im += _up(absX, _imf(m), WAD);
            if (portfolio) exposure[m] += x;
            exposed |= 1 << m;
        }
        if (portfolio) {
            uint256 root = _root(exposure, exposed, linked);
            uint256 floorMm = _up(h.mm, 0.25e18, WAD); // alpha
            uint256 floorIm = _up(h.im, 0.25e18, WAD);
            uint256 rootIm = _up(root, 1.5e18, WAD); // k_im
            h.mm = root > floorMm ? root : floorMm;
            h.im = rootIm > floorIm ? rootIm : floorIm;
        }
    }

    function _root(int256[N_MARKETS + 1] memory exposure, uint256 exposed, uint256 linked)
        internal
        pure
        returns (uint256)
    {
        int256[N_MARKETS + 1] memory y;
        uint256 n;
        uint256 sumAbsY;
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            y[m] = _away(exposure[m], _sigma(m), WAD); // shocks round away from zero
            if (exposed & (1 << m) == 0) continue;
            ++n;
            sumAbsY += _abs(y[m]);
        }
        // Rounding allowance: V is raised by 2 s sum|y| + s^2, s = n (2 + linked), to bound the exact variance.
        int256 v = n == 0 ? int256(0) : int256(2 * n * (2 + linked) * sumAbsY + (n * (2 + linked)) ** 2);
        for (uint256 i = 1; i <= N_MARKETS; ++i) {
            v += y[i] * y[i];
            for (uint256 j = i + 1; j <= N_MARKETS; ++j) {
                int256 rho = _rho(i, j);
                int256 prod = rho >= 0 ? y[i] * y[j] : -(y[i] * y[j]);
                v += 2 * _ceil(prod, _abs(rho), WAD); // each cross term rounds toward +inf
            }
        }
        return v <= 0 ? 0 : Math.sqrt(uint256(v), Math.Rounding.Ceil);
    }

    function _surplus(Health memory h) internal pure returns (int256) {
        return h.nlvInit - int256(h.im);
    }

    function _liquidatable(Health memory h) internal pure returns (bool) {
        return h.nlvMaint < int256(h.mm);
    }

    /// @dev No positions, no debt, not PORTFOLIO: the engine skips the margin check (and reads no price).
    function _triviallySafe(State memory s) internal pure returns (bool) {
        if (s.mode == Mode.PORTFOLIO || s.quote < 0) return false;
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            if (s.size[m] != 0) return false;
        }
        return true;
    }

    function _hasPositions(State memory s) internal pure returns (bool) {
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            if (s.size[m] != 0) return true;
        }
        return false;
    }

    function _hasCollateral(State memory s) internal pure returns (bool) {
        return s.bal[0] != 0 || s.bal[1] != 0;
    }

    /// @dev True when the state after a user action passes the one margin check, given the state before
    /// (`excusable` = the engine took a margin snapshot before: the account was not trivially safe;
    /// `imMayRise` = a deposit, excused by a surplus that did not fall even if IM rose).
    function _marginOk(State memory before, State memory afterS, Prices memory p, bool excusable, bool imMayRise)
        internal
        pure
        returns (bool ok, Health memory h)
    {
        h = _health(afterS, p);
        if (_triviallySafe(afterS) || _surplus(h) >= 0) return (true, h);
        if (!excusable) return (false, h);
        Health memory b = _health(before, p);
        return ((imMayRise || h.im <= b.im) && _surplus(h) >= _surplus(b), h);
    }

    /* POSITIONS */

    /// @dev Applies `delta` at `price`; returns realised PnL in quote units (rounded toward -inf).
    function _applyTrade(State memory s, uint256 m, int256 delta, uint256 price) internal pure returns (int256 realized) {
        int256 size = s.size[m];
        int256 basis = s.basis[m];
        if (size == 0 || (size > 0) == (delta > 0)) {
            basis += _ceil(delta, price, WAD); // added basis rounds toward +inf
        } else {
            int256 closed = _abs(delta) >= _abs(size) ? size : -delta;
            int256 closedBasis = closed == size ? basis : _ceil(basis, _abs(closed), _abs(size));
            realized = _floor(_floor(closed, price, WAD) - closedBasis, 1, QUOTE_SCALE);
            basis -= closedBasis;
            int256 opened = delta + closed;
            if (opened != 0) basis += _ceil(opened, price, WAD);
        }
        s.size[m] = size + delta;
        s.basis[m] = basis;
    }

    /// @dev A charge of |size| * price * rate, in whole quote units, rounded up at every step.
    function _charge(int256 size, uint256 price, uint256 rate) internal pure returns (uint256) {
        return Math.ceilDiv(_up(_up(_abs(size), price, WAD), rate, WAD), QUOTE_SCALE);
    }

    /// @dev Same sign afterwards and no larger: the only trades excused below initial margin.
    function _reducesOnly(int256 size, int256 delta) internal pure returns (bool) {
        return size != 0 && (size > 0) != (delta > 0) && _abs(delta) <= _abs(size);
    }

    /// @dev Liquidation of `fraction`: mutates `s`; returns the realised PnL, the penalty charged (capped at the equity
    /// NLV_hm left after the close, rounded down to quote units) and the taker fee a plain close would pay.
    function _closeFraction(State memory s, Prices memory p, uint256 fraction)
        internal
        pure
        returns (int256 realized, uint256 penalty, uint256 closeFee)
    {
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            int256 size = s.size[m];
            if (size == 0) continue;
            // Closed size rounds toward zero.
            int256 close = fraction == WAD ? -size : -(size >= 0 ? int256(1) : -1) * int256(Math.mulDiv(_abs(size), fraction, WAD));
            if (close == 0) continue;
            penalty += _charge(close, p.market[m], _lf(m));
            closeFee += _charge(close, p.market[m], TAKER_FEE);
            realized += _applyTrade(s, m, close, p.market[m]);
        }
        s.quote += realized;
        int256 equity = _health(s, p).nlvMaint;
        uint256 cap = equity > 0 ? uint256(equity) / QUOTE_SCALE : 0;
        if (penalty > cap) penalty = cap;
        s.quote -= int256(penalty);
    }

    /// @dev The same sizes closed by a plain trade at the same prices (taker fee instead of the penalty).
    function _plainClose(State memory s, Prices memory p, uint256 fraction) internal pure returns (State memory t) {
        t = _copy(s);
        for (uint256 m = 1; m <= N_MARKETS; ++m) {
            int256 size = t.size[m];
            if (size == 0) continue;
            int256 close = fraction == WAD ? -size : -(size >= 0 ? int256(1) : -1) * int256(Math.mulDiv(_abs(size), fraction, WAD));
            if (close == 0) continue;
            uint256 fee = _charge(close, p.market[m], TAKER_FEE);
            t.quote += _applyTrade(t, m, close, p.market[m]) - int256(fee);
        }
    }

    /// @dev The engine's keeper reward: keeperShare of the penalty, at most the penalty minus a plain close's fee, at
    /// most the quote tokens the engine holds.
    function _keeperReward(uint256 penalty, uint256 closeFee, uint256 share, uint256 available)
        internal
        pure
        returns (uint256 reward)
    {
        reward = penalty * share / WAD;
        if (penalty < closeFee + reward) reward = penalty > closeFee ? penalty - closeFee : 0;
        if (reward > available) reward = available;
    }

    /// @dev Repaid quote and seized collateral of a collateral liquidation (the engine's capped terms).
    function _collateralTerms(uint256 c, uint256 balance, uint256 repay, uint256 price)
        internal
        pure
        returns (uint256 repaid, uint256 seized)
    {
        uint256 unit = 10 ** _collDecimals(c);
        seized = Math.mulDiv(Math.mulDiv(repay * QUOTE_SCALE, WAD + BONUS, WAD), unit, price);
        if (seized < balance) return (repay, seized);
        uint256 balanceValue = _up(balance, price, unit);
        repaid = Math.ceilDiv(_up(balanceValue, WAD, WAD + BONUS), QUOTE_SCALE);
        return (repaid < repay ? repaid : repay, balance);
    }
}
