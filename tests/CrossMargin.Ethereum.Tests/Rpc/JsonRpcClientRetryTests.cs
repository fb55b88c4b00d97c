using System.Net;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Tests.Rpc;

/// <summary>Retry policy against a scripted local HTTP endpoint (no anvil needed).</summary>
public sealed class JsonRpcClientRetryTests
{
    private static readonly JsonRpcClientOptions Fast = new()
    {
        Retry = new RetryOptions { MaxAttempts = 4, InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    // Only for tests where the stub never answers: long enough that a slow-but-answering stub on a busy
    // 2-core CI box is not mistaken for a hang (which would add attempts and break the counts).
    private static readonly JsonRpcClientOptions FastWithTimeout = Fast with { RequestTimeout = TimeSpan.FromSeconds(1) };

    [Fact]
    public async Task SendAsync_Http429TwiceThenResult_RetriesAndSucceeds()
    {
        await using var stub = new StubRpcServer((i, body) => i < 2 ? (429, "") : (200, StubRpcServer.Reply(body, "\"0x7a69\"")));
        var client = TestChain.Http(stub.Url, Fast);

        Assert.Equal(31337UL, await client.ChainIdAsync(TestChain.Ct()));
        Assert.Equal(3, stub.RequestCount);
    }

    [Fact]
    public async Task SendAsync_RateLimitErrorCode32005_RetriesAndSucceeds()
    {
        await using var stub = new StubRpcServer((i, body) => (200, i == 0 ? StubRpcServer.ReplyError(body, -32005, "limit exceeded") : StubRpcServer.Reply(body, "\"0x10\"")));
        var client = TestChain.Http(stub.Url, Fast);

        Assert.Equal(16UL, await client.BlockNumberAsync(TestChain.Ct()));
        Assert.Equal(2, stub.RequestCount);
    }

    [Fact]
    public async Task SendAsync_JsonRpcError_IsNotRetried()
    {
        await using var stub = new StubRpcServer((_, body) => (200, StubRpcServer.ReplyError(body, -32000, "header not found")));
        var client = TestChain.Http(stub.Url, Fast);

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => client.BlockNumberAsync(TestChain.Ct()));
        Assert.Equal(-32000, error.Code);
        Assert.Equal(1, stub.RequestCount);
    }

    [Fact]
    public async Task SendAsync_JsonRpcErrorWithHttp500_IsProtocolErrorNotRetried()
    {
        await using var stub = new StubRpcServer((_, body) => (500, StubRpcServer.ReplyError(body, -32603, "internal")));
        var client = TestChain.Http(stub.Url, Fast);

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => client.BlockNumberAsync(TestChain.Ct()));
        Assert.Equal(-32603, error.Code);
        Assert.Equal(1, stub.RequestCount);
    }

    [Fact]
    public async Task SendAsync_PersistentRateLimit_ThrowsTransportAfterMaxAttempts()
    {
        await using var stub = new StubRpcServer((_, _) => (429, ""));
        var client = TestChain.Http(stub.Url, Fast);

        var error = await Assert.ThrowsAsync<JsonRpcTransportException>(() => client.BlockNumberAsync(TestChain.Ct()));
        Assert.True(error.IsRateLimited);
        Assert.False(error.RequestMayHaveBeenProcessed);
        Assert.Equal(4, stub.RequestCount);
    }

    [Fact]
    public async Task SendAsync_TimeoutOnRead_IsRetried()
    {
        await using var stub = new StubRpcServer(async (i, body, ct) =>
        {
            if (i == 0)
                await Task.Delay(Timeout.Infinite, ct); // never answers: the client's per-attempt timeout fires
            return (200, StubRpcServer.Reply(body, "\"0x1\""));
        });
        var client = TestChain.Http(stub.Url, FastWithTimeout);

        Assert.Equal(1UL, await client.BlockNumberAsync(TestChain.Ct()));
        Assert.Equal(2, stub.RequestCount);
    }

    [Fact]
    public async Task SendRawTransactionAsync_AmbiguousTimeout_IsNotRetriedWithoutOptIn()
    {
        await using var stub = new StubRpcServer(async (_, body, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return (200, "");
        });
        var client = TestChain.Http(stub.Url, FastWithTimeout);

        var error = await Assert.ThrowsAsync<JsonRpcTransportException>(() => client.SendRawTransactionAsync([0x02, 0x01], allowAmbiguousRetry: false, TestChain.Ct()));
        Assert.True(error.RequestMayHaveBeenProcessed);
        Assert.Equal(1, stub.RequestCount);
    }

    [Fact]
    public async Task SendRawTransactionAsync_Http429_IsRetriedBecauseNotProcessed()
    {
        await using var stub = new StubRpcServer((i, body) => i == 0 ? (429, "") : (200, StubRpcServer.Reply(body, "\"0x" + new string('A', 64) + "\"")));
        var client = TestChain.Http(stub.Url, Fast);

        Assert.Equal(Hash32.Parse("0x" + new string('a', 64)), await client.SendRawTransactionAsync([0x02], allowAmbiguousRetry: false, TestChain.Ct()));
        Assert.Equal(2, stub.RequestCount);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_ThrowsTransportNotProcessed()
    {
        var client = TestChain.Http(new Uri("http://127.0.0.1:1/"), Fast);

        var error = await Assert.ThrowsAsync<JsonRpcTransportException>(() => client.SendRawTransactionAsync([0x02], allowAmbiguousRetry: false, TestChain.Ct()));
        Assert.False(error.RequestMayHaveBeenProcessed);
    }

    [Fact]
    public async Task SendBatchAsync_ResponsesOutOfOrder_AreMatchedById()
    {
        await using var stub = new StubRpcServer((_, body) =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            var replies = doc.RootElement.EnumerateArray().Reverse()
                .Select(r => r.GetProperty("id").GetInt64())
                .Select(id => $$"""{"jsonrpc":"2.0","id":{{id}},"result":"0x{{id:x}}"}""");
            return (200, "[" + string.Join(",", replies) + "]");
        });
        var client = TestChain.Http(stub.Url, Fast);
        var batch = new RpcBatch();
        var ids = Enumerable.Range(0, 10).Select(_ => batch.Add(new RpcRequest<string>("echo", null, e => e.GetString()!))).ToList();

        await client.SendBatchAsync(batch, TestChain.Ct());

        var results = await Task.WhenAll(ids);
        Assert.Equal(10, results.Distinct().Count());
        // Ids are assigned in request order, so in-order results are strictly increasing.
        Assert.Equal(results.OrderBy(r => Convert.ToInt64(r, 16)), results);
    }

    [Fact]
    public async Task SendAsync_NonJsonHttp502_IsRetriedForReads()
    {
        await using var stub = new StubRpcServer((i, body) => i == 0 ? ((int)HttpStatusCode.BadGateway, "<html>bad gateway</html>") : (200, StubRpcServer.Reply(body, "\"0x2\"")));
        var client = TestChain.Http(stub.Url, Fast);

        Assert.Equal(2UL, await client.BlockNumberAsync(TestChain.Ct()));
        Assert.Equal(2, stub.RequestCount);
    }

    [Fact]
    public async Task SendBatchAsync_OneItemRateLimited_OnlyThatItemIsResent()
    {
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var stub = new StubRpcServer((i, body) =>
        {
            bodies.Enqueue(body);
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            var replies = doc.RootElement.EnumerateArray().Select((r, k) =>
            {
                var id = r.GetProperty("id").GetInt64();
                return i == 0 && k == 1
                    ? $$$"""{"jsonrpc":"2.0","id":{{{id}}},"error":{"code":-32005,"message":"limit exceeded"}}"""
                    : $$"""{"jsonrpc":"2.0","id":{{id}},"result":"{{r.GetProperty("method").GetString()}}"}""";
            });
            return (200, "[" + string.Join(",", replies) + "]");
        });
        var client = TestChain.Http(stub.Url, Fast);
        var batch = new RpcBatch();
        var results = new[] { "m0", "m1", "m2" }.Select(m => batch.Add(new RpcRequest<string>(m, null, e => e.GetString()!))).ToList();

        await client.SendBatchAsync(batch, TestChain.Ct());

        Assert.Equal(["m0", "m1", "m2"], await Task.WhenAll(results));
        Assert.Equal(2, stub.RequestCount);
        Assert.Contains("\"m1\"", bodies.Last(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"m0\"", bodies.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendRawTransactionAsync_AmbiguousTimeoutWithOptIn_ResendsAndMapsAlreadyKnownToHash()
    {
        byte[] raw = [0x02, 0xf8, 0x01];
        await using var stub = new StubRpcServer(async (i, body, ct) =>
        {
            if (i == 0)
                await Task.Delay(Timeout.Infinite, ct); // the node got it, but the answer never arrives
            return (200, body.Contains("eth_getTransactionByHash", StringComparison.Ordinal)
                ? StubRpcServer.Reply(body, """{"hash":"0x00"}""")
                : StubRpcServer.ReplyError(body, -32000, "already known"));
        });
        var client = TestChain.Http(stub.Url, FastWithTimeout);

        var hash = await client.SendRawTransactionAsync(raw, allowAmbiguousRetry: true, TestChain.Ct());

        Assert.Equal(EthRequests.TransactionHashOf(raw), hash);
        Assert.Equal(3, stub.RequestCount); // timed-out send, resend ("already known"), lookup by hash
    }

    [Fact]
    public void DelayFor_GrowsExponentiallyWithinJitterAndCap()
    {
        var options = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(1000) };
        var random = new Random(42);
        for (var retry = 1; retry <= 8; retry++)
        {
            var ceiling = Math.Min(1000, 100 * Math.Pow(2, retry - 1));
            var delay = options.DelayFor(retry, random).TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }
}
