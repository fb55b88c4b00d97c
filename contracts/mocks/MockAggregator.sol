// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAggregatorV3} from "../interfaces/IAggregatorV3.sol";

/// @notice Devnet Chainlink feed. Emits Chainlink's `AnswerUpdated` and `NewRound` on every update.
/// @dev Warning: anyone can set the price. Devnet and tests only.
contract MockAggregator is IAggregatorV3 {
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    uint8 public immutable decimals;
    string public description;
    // One slot: an update costs a single SSTORE.
    int192 private _answer;
    uint32 private _updatedAt;
    uint32 private _roundId;

    constructor(uint8 decimals_, string memory description_, int256 initialAnswer) {
        decimals = decimals_;
        description = description_;
        _update(initialAnswer, block.timestamp);
    }

    function setPrice(int256 answer) external {
        _update(answer, block.timestamp);
    }

    /// @notice Sets an answer with an explicit timestamp (for staleness scenarios).
    function setRoundData(int256 answer, uint256 updatedAt) external {
        _update(answer, updatedAt);
    }

    function latestAnswer() external view returns (int256) {
        return _answer;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _updatedAt, _updatedAt, _roundId);
    }

    function _update(int256 answer, uint256 updatedAt) private {
        uint32 roundId = _roundId + 1;
        (_answer, _updatedAt, _roundId) = (int192(answer), uint32(updatedAt), roundId);
        emit NewRound(roundId, msg.sender, updatedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }
}
