namespace CrossMargin.Ethereum.Abi;

/// <summary>The shape of a Solidity ABI type.</summary>
public enum AbiTypeKind
{
    UInt,
    Int,
    Address,
    Bool,
    /// <summary>bytes1..bytes32.</summary>
    FixedBytes,
    /// <summary>Dynamic <c>bytes</c>.</summary>
    Bytes,
    String,
    /// <summary><c>T[k]</c>.</summary>
    FixedArray,
    /// <summary><c>T[]</c>.</summary>
    DynamicArray,
    Tuple,
}
