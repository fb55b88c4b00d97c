using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Book;

namespace CrossMargin.Keeper.Tests.Book;

public sealed class LogPositionTests
{
    private static LogEntry Log(ulong block, ulong index) =>
        new(Address.Zero, [], [], block, Hash32.Keccak(BitConverter.GetBytes(block)), default, 0, index, false);

    [Fact]
    public void Accepts_LogOfCompleteBlock_Rejected()
    {
        var p = new LogPosition(10, true, null, []);
        Assert.False(p.Accepts(Log(10, 3)));
        Assert.False(p.Accepts(Log(9, 0)));
        Assert.True(p.Accepts(Log(11, 0)));
    }

    [Fact]
    public void After_PartialBlock_RepeatRejectedAndRestAccepted()
    {
        var p = new LogPosition(10, true, null, []).After(Log(11, 0)).After(Log(11, 1));
        Assert.Equal(10UL, p.CompleteBlock);
        Assert.False(p.Accepts(Log(11, 1)));
        Assert.True(p.Accepts(Log(11, 2)));
        Assert.False(p.Accepts(Log(10, 5)));
    }
}
