// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice Conservative bounds of the portfolio requirement and the positive semi-definiteness test of a correlation
/// matrix. docs/margin-model.md ("Rounding against the exact value", "Correlation bounds") states the proofs.
library RiskMathLib {
    /// @dev An upper bound of V_exact - V(y_hat) in WAD^2 for n exposed markets, y_hat the rounded shocks with
    /// sum |y_hat_i| = sumAbsY, and `linked` floored collateral values inside the exposures. Each exposure is a floored
    /// position value plus floored collateral values (off by < 1 + linked wei), sigma <= 1/2 halves that, and the
    /// shock's own rounding adds < 1 wei: |y_i - y_hat_i| < eps = 2 + linked. With |rho_ij| <= 1,
    /// V(y) - V(y_hat) = 2 d'Ry_hat + d'Rd <= 2 eps n sumAbsY + (n eps)^2.
    function roundingAllowance(uint256 n, uint256 sumAbsY, uint256 linked) internal pure returns (uint256) {
        uint256 spread = n * (2 + linked);
        return 2 * spread * sumAbsY + spread * spread;
    }

    /// @dev Accepts R iff every pivot of the root-free LDL' factorisation of R + tolerance * I is at least tolerance / 2.
    /// A PSD R has pivots >= tolerance (each pivot is at least the smallest eigenvalue), so it is accepted up to WAD
    /// rounding; an accepted R has R + tolerance * I positive definite, i.e. smallest eigenvalue > -tolerance. `r` is the
    /// n x n matrix in WAD, row-major, 1e18 on the diagonal; its lower triangle is overwritten with L.
    function isPositiveSemiDefinite(int256[] memory r, uint256 n, int256 tolerance) internal pure returns (bool) {
        int256[] memory d = new int256[](n);
        for (uint256 k; k < n; ++k) {
            int256 pivot = r[k * n + k] + tolerance;
            for (uint256 j; j < k; ++j) {
                int256 lkj = r[k * n + j];
                pivot -= lkj * lkj / 1e18 * d[j] / 1e18;
            }
            if (pivot < tolerance / 2) return false;
            d[k] = pivot;
            for (uint256 i = k + 1; i < n; ++i) {
                int256 s = r[i * n + k];
                for (uint256 j; j < k; ++j) {
                    s -= r[i * n + j] * r[k * n + j] / 1e18 * d[j] / 1e18;
                }
                r[i * n + k] = s * 1e18 / pivot; // L_ik
            }
        }
        return true;
    }
}
