// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";
import {ErrorsLib} from "./ErrorsLib.sol";
import {MathLib} from "./MathLib.sol";

/// @notice The one oracle adapter: reads a Chainlink feed, rejects non-positive and stale answers, normalises to WAD.
library OracleLib {
    function price(address aggregator, uint32 heartbeat, uint8 decimals) internal view returns (uint256) {
        (, int256 answer,, uint256 updatedAt,) = IAggregatorV3(aggregator).latestRoundData();
        if (answer <= 0) revert ErrorsLib.InvalidPrice(aggregator, answer);
        if (updatedAt + heartbeat < block.timestamp) revert ErrorsLib.StalePrice(aggregator, updatedAt);
        // Feeds above 18 decimals (none known) are truncated toward zero.
        if (decimals <= 18) return uint256(answer) * MathLib.pow10(18 - decimals);
        return uint256(answer) / MathLib.pow10(decimals - 18);
    }
}
