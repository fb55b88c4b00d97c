using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// One block range read from the node: its decoded events and the headers the writer keeps (the range's first and
/// last block, every block with events, and every block inside the unfinalised window).
/// </summary>
internal sealed record FetchedRange(ulong From, ulong To, EventBatch Events, IReadOnlyDictionary<ulong, BlockHeader> Headers, int LogCount)
{
    public BlockHeader First => Headers[From];

    public BlockHeader Last => Headers[To];
}
