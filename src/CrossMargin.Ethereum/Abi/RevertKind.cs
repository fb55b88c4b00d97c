namespace CrossMargin.Ethereum.Abi;

public enum RevertKind
{
    /// <summary>No revert data (bare <c>revert()</c>, out-of-gas, or a failed require without message).</summary>
    Empty,
    /// <summary><c>Error(string)</c> from <c>require(cond, "msg")</c> / <c>revert("msg")</c>.</summary>
    Error,
    /// <summary><c>Panic(uint256)</c> from assert, overflow, division by zero, bounds checks.</summary>
    Panic,
    /// <summary>A custom error found in the contract ABI.</summary>
    Custom,
    /// <summary>Data that matches nothing known, or is malformed.</summary>
    Unknown,
}
