using System.Numerics;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// The header fields the indexer/keeper use. Hashes are 0x-hex strings for now (lower case, as nodes send
/// them); they become Hash32 when the primitives land, via <see cref="RpcModelParser"/> only.
/// </summary>
public sealed record BlockHeader(
    ulong Number,
    string Hash,
    string ParentHash,
    ulong Timestamp,
    BigInteger? BaseFeePerGas);
