using CrossMargin.Ethereum.Primitives;
using CrossMargin.Keeper.Loop;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Sending;

namespace CrossMargin.Keeper.Tests.Loop;

/// <summary>Issue 15: a long-running keeper kept every outcome and every sent record forever. What the loop keeps
/// beside the book is now bounded; these tests drive the bounded parts past their window.</summary>
public sealed class BoundedStateTests
{
    private static AttemptOutcome Outcome(ulong account) =>
        new(OutcomeKind.Liquidated, new LiquidationAction(account, ActionKind.Liquidate, UInt256.Zero, null, [], 0), null, account, 0, UInt256.Zero, null, null, 0, false);

    [Fact]
    public void OutcomeLog_PastItsWindow_KeepsTheNewestAndCountsAll()
    {
        var log = new OutcomeLog(3);
        for (ulong id = 1; id <= 5; id++)
            log.Add(Outcome(id));

        Assert.Equal([3UL, 4UL, 5UL], log.Recent.Select(o => o.AccountId));
        Assert.Equal(5, log.Total);
        // Nobody read the stream: it dropped its oldest items instead of growing.
        var streamed = new List<ulong>();
        while (log.Stream.TryRead(out var o))
            streamed.Add(o.AccountId);
        Assert.Equal([3UL, 4UL, 5UL], streamed);
    }

    [Fact]
    public void RecentWindow_PastItsCapacity_KeepsTheNewestAndCountsAll()
    {
        var log = new RecentWindow<SentRecord>(2);
        for (ulong id = 1; id <= 4; id++)
            log.Add(new SentRecord(id, ActionKind.Liquidate, default, 0, 0));

        Assert.Equal([3UL, 4UL], log.Items.Select(r => r.AccountId));
        Assert.Equal(4, log.Total);
    }

    [Fact]
    public void HoldList_Release_DropsHoldsWhoseConditionPassed()
    {
        var holds = new HoldList();
        holds.UntilApplied(1, block: 10);
        holds.UntilHead(2, head: 7);

        Assert.True(holds.Holds(1, bookBlock: 9, head: 9), "held until its block is in the book");
        Assert.True(holds.AwaitsBook(bookBlock: 9));
        Assert.True(holds.Holds(2, bookBlock: 9, head: 6), "held until the head reaches 7");
        Assert.False(holds.Holds(2, bookBlock: 9, head: 7));

        holds.Release(bookBlock: 10, head: 7);

        Assert.Equal(0, holds.Count);
        Assert.False(holds.Holds(1, bookBlock: 10, head: 7));
        Assert.False(holds.AwaitsBook(bookBlock: 10));
    }

    [Fact]
    public void SendBudget_IsTheSmallerOfTheBlockAndInFlightBounds_AndResetsPerHead()
    {
        var budget = new SendBudget(maxPerBlock: 3, maxInFlight: 5);
        budget.OnHead(1);
        budget.Spend();
        budget.Spend();

        Assert.Equal(1, budget.Remaining(inFlight: 2));
        Assert.Equal(0, budget.Remaining(inFlight: 5));
        budget.OnHead(2);
        Assert.Equal(3, budget.Remaining(inFlight: 0));
        budget.OnHead(2);
        Assert.Equal(3, budget.Remaining(inFlight: 0));
    }
}
