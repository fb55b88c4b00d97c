using System.Threading.Channels;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Tests.Rpc;

internal static class WebSocketTestKit
{
    public static WebSocketClientOptions FastOptions(TimeSpan? idleTimeout = null) => new()
    {
        Reconnect = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100) },
        IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(30),
        PingTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Awaits exactly <paramref name="count"/> items, failing (not hanging) after the timeout.</summary>
    public static async Task<List<T>> TakeAsync<T>(ChannelReader<T> reader, int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var items = new List<T>(count);
        try
        {
            while (items.Count < count)
                items.Add(await reader.ReadAsync(cts.Token));
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"received {items.Count} of {count} expected items before timing out");
        }
        return items;
    }

    /// <summary>Makes the next connect attempt wait until the returned gate is opened.</summary>
    public static TaskCompletionSource HoldReconnects(EthWebSocketClient client)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connect = client.Connector;
        client.Connector = async (url, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return await connect(url, ct);
        };
        return gate;
    }

    public static void AssertContiguousChain(IReadOnlyList<BlockHeader> heads, ulong firstNumber)
    {
        for (var i = 0; i < heads.Count; i++)
        {
            Assert.Equal(firstNumber + (ulong)i, heads[i].Number);
            if (i > 0)
                Assert.Equal(heads[i - 1].Hash, heads[i].ParentHash);
        }
        Assert.Equal(heads.Count, heads.Select(h => h.Hash).Distinct().Count());
    }
}
