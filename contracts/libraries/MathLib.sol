// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {WAD} from "./ConstantsLib.sol";

/// @notice Signed and unsigned WAD arithmetic with explicit rounding directions.
/// @dev mulDiv takes a cheap path when x * y fits in 256 bits (nearly always) and falls back to OpenZeppelin's
/// 512-bit mulDiv otherwise; both paths give the same exact result.
library MathLib {
    function abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }

    /// @dev x * y / d rounded down.
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        unchecked {
            uint256 p = x * y;
            if (x == 0 || p / x == y) return p / d;
        }
        return Math.mulDiv(x, y, d);
    }

    /// @dev x * y / d rounded up.
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        unchecked {
            uint256 p = x * y;
            if (x == 0 || p / x == y) return p / d + (p % d == 0 ? 0 : 1);
        }
        return Math.mulDiv(x, y, d, Math.Rounding.Ceil);
    }

    /// @dev a * b / WAD rounded down.
    function wMulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulDivDown(a, b, WAD);
    }

    /// @dev a * b / WAD rounded up.
    function wMulUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return mulDivUp(a, b, WAD);
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded toward negative infinity.
    function mulDivFloor(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(mulDivDown(uint256(x), y, d));
        return -int256(mulDivUp(uint256(-x), y, d));
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded toward positive infinity.
    function mulDivCeil(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(mulDivUp(uint256(x), y, d));
        return -int256(mulDivDown(uint256(-x), y, d));
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded toward zero.
    function mulDivTrunc(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(mulDivDown(uint256(x), y, d));
        return -int256(mulDivDown(uint256(-x), y, d));
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded away from zero (magnitude up).
    function mulDivAway(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(mulDivUp(uint256(x), y, d));
        return -int256(mulDivUp(uint256(-x), y, d));
    }

    /// @dev 10^n for n <= 77 (decimals are at most 18 here), without the checked-exponent loop.
    function pow10(uint256 n) internal pure returns (uint256) {
        unchecked {
            return 10 ** n;
        }
    }

    function max(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a : b;
    }

    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
