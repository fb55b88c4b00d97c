namespace CrossMargin.Ethereum.Generators;

internal enum SolKind
{
    UInt,
    Int,
    Address,
    Bool,
    FixedBytes,
    Bytes,
    String,
    FixedArray,
    DynamicArray,
    Tuple,
}
