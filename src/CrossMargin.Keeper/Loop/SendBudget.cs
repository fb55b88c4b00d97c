namespace CrossMargin.Keeper.Loop;

/// <summary>
/// How many transactions a pass may still send: what is left of the per-block bound (reset on each new head) and of the
/// in-flight bound. Loop thread only.
/// </summary>
internal sealed class SendBudget(int maxPerBlock, int maxInFlight)
{
    private ulong _block;
    private int _sentThisBlock;

    public void OnHead(ulong head)
    {
        if (head != _block)
            (_block, _sentThisBlock) = (head, 0);
    }

    public int Remaining(int inFlight) => Math.Min(maxPerBlock - _sentThisBlock, maxInFlight - inFlight);

    public void Spend() => _sentThisBlock++;
}
