namespace CrossMargin.Cli.Demo;

/// <summary>Where one <see cref="TxPipeline.SendAllAsync"/> stands: mined (reverted ones included), pending in the
/// node's pool, failed (refused by the node), and the blocks mined for it.</summary>
internal readonly record struct SendProgress(int Total, int Mined, int Pending, int Reverted, int Failed, int Blocks)
{
    public int Waiting => Total - Mined - Pending - Failed;

    public bool Done => Mined + Failed == Total;
}
