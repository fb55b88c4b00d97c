// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only: runs many calls in one transaction so the differential test can seed 10,000 accounts quickly.
/// It is msg.sender of every call (it owns the accounts it opens). Failed calls are skipped and counted, so a
/// seeding step that the engine refuses (e.g. a trade below initial margin) simply does not happen; the test's
/// state comes from the chain's events, not from what it asked for.
contract BatchCaller {
    event Failed(uint256 index);

    function run(address[] calldata targets, bytes[] calldata data) external returns (uint256 failures) {
        for (uint256 i; i < targets.length; ++i) {
            (bool ok,) = targets[i].call(data[i]);
            if (!ok) {
                ++failures;
                emit Failed(i);
            }
        }
    }
}
