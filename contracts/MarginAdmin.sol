// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IAggregatorV3} from "./interfaces/IAggregatorV3.sol";
import {Mode, CollateralParams, MarketParams, Position} from "./interfaces/IMarginEngine.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";
import {RiskMathLib} from "./libraries/RiskMathLib.sol";
import "./libraries/ConstantsLib.sol";

/// @notice Storage of the margin engine and its bounded, evented administration (listings and risk parameters).
abstract contract MarginAdmin is Ownable2Step {
    struct Collateral {
        address aggregator;
        uint32 heartbeat;
        uint8 feedDecimals;
        uint8 tokenDecimals;
        uint8 index;
        uint8 linkedMarket;
        bool listed;
        uint64 hm;
        uint64 hi;
        uint64 bonus;
        uint128 cap;
        uint128 totalDeposits;
    }

    struct Market {
        address aggregator;
        uint32 heartbeat;
        uint8 feedDecimals;
        bool listed;
        uint64 imf;
        uint64 mmf;
        uint64 sigma;
        uint64 liquidationFee;
        uint64 takerFee;
        uint128 maxOpenInterest; // cap on |netSize|: the vault's exposure
        int128 netSize; // sum of all accounts' sizes = minus the vault's position
        int128 netOpenNotional; // sum of all accounts' open notional, for the vault's NAV
    }

    /// @dev Per-call scratch memory: prices read once per call (0 = not read yet) and the portfolio exposures,
    /// which `_portfolioRoot` leaves zeroed after each use.
    struct Prices {
        uint256[MAX_MARKETS + 1] market;
        uint256[MAX_COLLATERALS] collateral;
        int256[MAX_MARKETS + 1] exposure;
    }

    struct Account {
        address owner;
        Mode mode;
        uint64 marketMask; // bit i set <=> a position in market i is open
        uint16 collateralMask; // bit c set <=> a balance of collateralAssets[c] is held
        int256 quoteBalance; // negative = debt
    }

    /// @notice The settlement asset: PnL, fees and penalties settle in it; valued at exactly 1 USD.
    address public immutable QUOTE;
    /// @notice 10^(18 - quote decimals): one quote token unit in WAD USD.
    uint256 public immutable QUOTE_SCALE;

    /// @dev Keyed by index so the health loop never needs the asset address.
    mapping(uint256 index => Collateral) internal _collaterals;
    mapping(address asset => uint256) internal _collateralIndexPlusOne;
    address[] public collateralAssets;
    mapping(uint256 marketId => Market) internal _markets;
    uint256 public marketCount;
    /// @dev The upper triangle, packed four int64 WADs per slot in the order (1,2), (1,3), (2,3), (1,4), ...
    /// so a book over the first few markets reads one or two slots. The diagonal is 1 and never stored.
    mapping(uint256 slot => uint256) internal _correlationSlots;

    /// @notice Portfolio floor: MM >= alpha * MM_cross (WAD).
    uint64 public alpha = 0.25e18;
    /// @notice Portfolio IM scale: IM = max(kIm * sqrt(V), alpha * IM_cross) (WAD).
    uint64 public kIm = 1.5e18;
    /// @notice Share of liquidation penalties paid to the liquidator (WAD); the insurance fund keeps the rest.
    uint64 public keeperShare = 0.5e18;
    address public vault;
    uint256 public insuranceFund;
    /// @notice Quote the vault's LPs own inside the engine, before traders' unrealised PnL.
    int256 public vaultBalance;

    uint256 public nextAccountId = 1;
    mapping(uint256 accountId => Account) internal _accounts;
    mapping(uint256 accountId => mapping(uint256 marketId => Position)) internal _positions;
    mapping(uint256 accountId => mapping(uint256 collateralIndex => uint256)) internal _balances;
    mapping(uint256 accountId => mapping(address operator => bool)) public isOperator;

    constructor(address quote, address owner_) Ownable(owner_) {
        if (quote == address(0)) revert ErrorsLib.ZeroAddress();
        QUOTE = quote;
        uint8 decimals = IERC20Metadata(quote).decimals();
        if (decimals > 18) revert ErrorsLib.InvalidParameter("quoteDecimals", decimals);
        QUOTE_SCALE = 10 ** (18 - decimals);
        // The defaults of the portfolio parameters and keeper share are set by initialisers, not by a setter:
        // emitting them here lets a mirror start from events alone.
        emit EventsLib.EngineCreated(quote, decimals);
        emit EventsLib.PortfolioParamsSet(alpha, kIm);
        emit EventsLib.KeeperShareSet(keeperShare);
    }

    function listCollateral(address asset, CollateralParams calldata p) external onlyOwner {
        if (asset == address(0)) revert ErrorsLib.ZeroAddress();
        if (asset == QUOTE || _collateralIndexPlusOne[asset] != 0) revert ErrorsLib.AlreadyListed(asset);
        uint256 index = collateralAssets.length;
        if (index == MAX_COLLATERALS) revert ErrorsLib.ListingLimit();
        Collateral storage c = _collaterals[index];
        c.listed = true;
        c.index = uint8(index);
        c.tokenDecimals = IERC20Metadata(asset).decimals();
        collateralAssets.push(asset);
        _collateralIndexPlusOne[asset] = index + 1;
        _setCollateral(c, p);
        emit EventsLib.CollateralListed(asset, c.index, p, c.tokenDecimals, c.feedDecimals);
    }

    function updateCollateral(address asset, CollateralParams calldata p) external onlyOwner {
        Collateral storage c = _collaterals[_collateralIndex(asset)];
        _setCollateral(c, p);
        emit EventsLib.CollateralParamsUpdated(asset, p, c.tokenDecimals, c.feedDecimals);
    }

    function listMarket(MarketParams calldata p) external onlyOwner returns (uint256 marketId) {
        if (marketCount == MAX_MARKETS) revert ErrorsLib.ListingLimit();
        marketId = ++marketCount;
        Market storage m = _markets[marketId];
        m.listed = true;
        _setMarket(m, p);
        emit EventsLib.MarketListed(marketId, p, m.feedDecimals);
    }

    function updateMarket(uint256 marketId, MarketParams calldata p) external onlyOwner {
        Market storage m = _markets[marketId];
        if (!m.listed) revert ErrorsLib.UnknownMarket(marketId);
        _setMarket(m, p);
        emit EventsLib.MarketUpdated(marketId, p, m.feedDecimals);
    }

    function setCorrelation(uint256 i, uint256 j, int256 rho) external onlyOwner {
        (uint256 lo, uint256 hi) = _writeCorrelation(i, j, rho);
        _requirePositiveSemiDefinite(lo, hi, rho);
    }

    /// @notice Sets several correlations and checks positive semi-definiteness once, after the last: a target matrix
    /// can be PSD while a matrix met on the way, one pair at a time, is not.
    function setCorrelations(uint256[] calldata i, uint256[] calldata j, int256[] calldata rho) external onlyOwner {
        uint256 n = rho.length;
        if (n == 0 || i.length != n || j.length != n) revert ErrorsLib.InvalidCorrelation(i.length, j.length, 0);
        (uint256 lo, uint256 hi) = (0, 0);
        for (uint256 k; k < n; ++k) {
            (lo, hi) = _writeCorrelation(i[k], j[k], rho[k]);
        }
        _requirePositiveSemiDefinite(lo, hi, rho[n - 1]);
    }

    function setPortfolioParams(uint256 alpha_, uint256 kIm_) external onlyOwner {
        bool ok = alpha_ >= MIN_ALPHA && alpha_ <= WAD;
        for (uint256 id = 1; ok && id <= marketCount; ++id) {
            ok = _floorCoversPenalty(alpha_, _markets[id].mmf, _markets[id].liquidationFee);
        }
        if (!ok) revert ErrorsLib.InvalidParameter("alpha", alpha_);
        if (kIm_ < WAD || kIm_ > MAX_K_IM) revert ErrorsLib.InvalidParameter("kIm", kIm_);
        (alpha, kIm) = (uint64(alpha_), uint64(kIm_));
        emit EventsLib.PortfolioParamsSet(alpha_, kIm_);
    }

    function setKeeperShare(uint256 share) external onlyOwner {
        if (share > WAD) revert ErrorsLib.InvalidParameter("keeperShare", share);
        keeperShare = uint64(share);
        emit EventsLib.KeeperShareSet(share);
    }

    /// @notice Sets the liquidity vault once; the vault's constructor needs the engine, hence two steps.
    function setVault(address vault_) external onlyOwner {
        if (vault_ == address(0)) revert ErrorsLib.ZeroAddress();
        if (vault != address(0)) revert ErrorsLib.OnlyVault(vault_);
        vault = vault_;
        emit EventsLib.VaultSet(vault_);
    }

    /// @notice Correlation of markets i and j (WAD); 1 on the diagonal.
    function correlation(uint256 i, uint256 j) public view returns (int256) {
        if (i == j) return int256(WAD);
        return i < j ? _correlationOf(i, j) : _correlationOf(j, i);
    }

    /// @dev alpha * mmf > lf: the PORTFOLIO floor alpha * MM_cross then exceeds the full-close penalty of any book, so
    /// closing a fraction f of every position lowers MM by more than the penalty lowers NLV_hm and a partial
    /// liquidation restores MM whenever the account's equity covers the penalty (docs/margin-model.md).
    function _floorCoversPenalty(uint256 alpha_, uint256 mmf, uint256 lf) internal pure returns (bool) {
        return lf * WAD < alpha_ * mmf;
    }

    /// @dev Bounds |rho| <= MAX_CORRELATION, stores the pair and emits; the caller checks the whole matrix.
    function _writeCorrelation(uint256 i, uint256 j, int256 rho) internal returns (uint256 lo, uint256 hi) {
        int256 bound = int256(MAX_CORRELATION);
        if (i == j || !_markets[i].listed || !_markets[j].listed || rho > bound || rho < -bound) {
            revert ErrorsLib.InvalidCorrelation(i, j, rho);
        }
        (lo, hi) = i < j ? (i, j) : (j, i);
        uint256 index = _pairIndex(lo, hi);
        uint256 shift = (index % 4) * 64;
        uint256 word = _correlationSlots[index / 4] & ~(uint256(type(uint64).max) << shift);
        _correlationSlots[index / 4] = word | (uint256(uint64(int64(rho))) << shift);
        emit EventsLib.CorrelationSet(lo, hi, rho);
    }

    /// @dev A matrix that is not positive semi-definite lets V go negative for some book: offsetting positions would
    /// then need nothing beyond the alpha floor. Reverts naming the pair (lo, hi) that was written last.
    function _requirePositiveSemiDefinite(uint256 lo, uint256 hi, int256 rho) internal view {
        if (!RiskMathLib.isPositiveSemiDefinite(_correlationMatrix(), marketCount, int256(PSD_TOLERANCE))) {
            revert ErrorsLib.InvalidCorrelation(lo, hi, rho);
        }
    }

    /// @dev The lower triangle of the correlation matrix over markets 1..marketCount (index k is market k + 1), row-major,
    /// WAD, 1e18 on the diagonal: all the LDL' factorisation reads.
    function _correlationMatrix() internal view returns (int256[] memory r) {
        uint256 n = marketCount;
        r = new int256[](n * n);
        for (uint256 i; i < n; ++i) {
            r[i * n + i] = int256(WAD);
            for (uint256 j; j < i; ++j) {
                r[i * n + j] = _correlationOf(j + 1, i + 1);
            }
        }
    }

    /// @dev rho for lo < hi.
    function _correlationOf(uint256 lo, uint256 hi) internal view returns (int256) {
        uint256 index = _pairIndex(lo, hi);
        return int64(uint64(_correlationSlots[index / 4] >> ((index % 4) * 64)));
    }

    /// @dev Position of the pair (lo, hi), 1 <= lo < hi, in the column-wise upper triangle.
    function _pairIndex(uint256 lo, uint256 hi) internal pure returns (uint256) {
        return (hi - 1) * (hi - 2) / 2 + (lo - 1);
    }

    /// @dev Index of a listed collateral; reverts for the quote asset and unknown tokens.
    function _collateralIndex(address asset) internal view returns (uint256) {
        uint256 indexPlusOne = _collateralIndexPlusOne[asset];
        if (indexPlusOne == 0) revert ErrorsLib.UnknownAsset(asset);
        return indexPlusOne - 1;
    }

    function _setCollateral(Collateral storage c, CollateralParams calldata p) private {
        _checkFeed(p.aggregator, p.heartbeat);
        if (p.hi > MAX_HAIRCUT) revert ErrorsLib.InvalidParameter("hi", p.hi);
        if (p.hm > p.hi) revert ErrorsLib.InvalidParameter("hm", p.hm);
        // (1 + bonus)(1 - hm) <= 1 keeps a collateral liquidation from lowering NLV_hm in ISOLATED and CROSS mode
        // (PORTFOLIO values linked collateral at full price, so there the bonus is paid out of NLV while V falls).
        if (p.bonus > MAX_BONUS || uint256(WAD + p.bonus) * (WAD - p.hm) > WAD * WAD) {
            revert ErrorsLib.InvalidParameter("bonus", p.bonus);
        }
        if (p.linkedMarket != 0 && !_markets[p.linkedMarket].listed) revert ErrorsLib.UnknownMarket(p.linkedMarket);
        c.aggregator = p.aggregator;
        c.heartbeat = p.heartbeat;
        c.feedDecimals = IAggregatorV3(p.aggregator).decimals();
        (c.hm, c.hi, c.bonus, c.linkedMarket, c.cap) = (p.hm, p.hi, p.bonus, p.linkedMarket, p.cap);
    }

    function _setMarket(Market storage m, MarketParams calldata p) private {
        _checkFeed(p.aggregator, p.heartbeat);
        if (p.imf == 0 || p.imf > MAX_IMF) revert ErrorsLib.InvalidParameter("imf", p.imf);
        if (p.mmf == 0 || p.mmf >= p.imf) revert ErrorsLib.InvalidParameter("mmf", p.mmf);
        // lf < mmf (stricter than the design's lf < imf): closing any fraction then lowers MM faster than the
        // penalty lowers NLV_hm, so in CROSS mode a larger fraction always leaves the account healthier.
        if (p.liquidationFee >= p.mmf || !_floorCoversPenalty(alpha, p.mmf, p.liquidationFee)) {
            revert ErrorsLib.InvalidParameter("liquidationFee", p.liquidationFee);
        }
        if (p.sigma == 0 || p.sigma > MAX_SIGMA) revert ErrorsLib.InvalidParameter("sigma", p.sigma);
        if (p.takerFee > MAX_TAKER_FEE) revert ErrorsLib.InvalidParameter("takerFee", p.takerFee);
        if (p.maxOpenInterest == 0) revert ErrorsLib.InvalidParameter("maxOpenInterest", 0);
        m.aggregator = p.aggregator;
        m.heartbeat = p.heartbeat;
        m.feedDecimals = IAggregatorV3(p.aggregator).decimals();
        (m.imf, m.mmf, m.sigma, m.liquidationFee) = (p.imf, p.mmf, p.sigma, p.liquidationFee);
        (m.takerFee, m.maxOpenInterest) = (p.takerFee, p.maxOpenInterest);
    }

    function _checkFeed(address aggregator, uint32 heartbeat) private pure {
        if (aggregator == address(0)) revert ErrorsLib.ZeroAddress();
        if (heartbeat == 0 || heartbeat > MAX_HEARTBEAT) revert ErrorsLib.InvalidParameter("heartbeat", heartbeat);
    }
}
