// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {WAD} from "./ConstantsLib.sol";

/// @notice Signed and unsigned WAD arithmetic with explicit rounding directions.
library MathLib {
    function abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }

    /// @dev a * b / WAD rounded down.
    function wMulDown(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, b, WAD);
    }

    /// @dev a * b / WAD rounded up.
    function wMulUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return Math.mulDiv(a, b, WAD, Math.Rounding.Ceil);
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded toward negative infinity.
    function mulDivFloor(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(Math.mulDiv(uint256(x), y, d));
        return -int256(Math.mulDiv(uint256(-x), y, d, Math.Rounding.Ceil));
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded toward positive infinity.
    function mulDivCeil(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(Math.mulDiv(uint256(x), y, d, Math.Rounding.Ceil));
        return -int256(Math.mulDiv(uint256(-x), y, d));
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded toward zero.
    function mulDivTrunc(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(Math.mulDiv(uint256(x), y, d));
        return -int256(Math.mulDiv(uint256(-x), y, d));
    }

    /// @dev x * y / d for signed x and unsigned y, d, rounded away from zero (magnitude up).
    function mulDivAway(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(Math.mulDiv(uint256(x), y, d, Math.Rounding.Ceil));
        return -int256(Math.mulDiv(uint256(-x), y, d, Math.Rounding.Ceil));
    }

    function max(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a : b;
    }

    function min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
