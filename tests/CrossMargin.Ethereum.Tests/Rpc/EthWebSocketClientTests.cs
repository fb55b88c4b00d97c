using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Tests.Fixtures;
using static CrossMargin.Ethereum.Tests.Rpc.WebSocketTestKit;

namespace CrossMargin.Ethereum.Tests.Rpc;

[Collection(AnvilCollection.Name)]
public sealed class EthWebSocketClientTests(AnvilFixture anvil) : IAsyncLifetime
{
    private readonly JsonRpcClient _http = TestChain.Http(anvil.HttpUrl);
    private EthWebSocketClient _ws = null!;

    public async Task InitializeAsync()
    {
        _ws = new EthWebSocketClient(anvil.WsUrl, _http, FastOptions());
        await _ws.ConnectAsync(TestChain.Ct());
    }

    public async Task DisposeAsync() => await _ws.DisposeAsync();

    [Fact]
    public async Task SendAsync_OverWebSocket_ReturnsResults()
    {
        var ct = TestChain.Ct();
        Assert.Equal(31337UL, await _ws.ChainIdAsync(ct));
        var batch = new RpcBatch();
        var number = batch.Add(EthRequests.BlockNumber());
        var bad = batch.Add(new RpcRequest<bool>("eth_noSuchMethod", null, _ => true));
        await _ws.SendBatchAsync(batch, ct);

        Assert.Equal(await _http.BlockNumberAsync(ct), await number);
        var error = await Assert.ThrowsAsync<JsonRpcException>(() => bad);
        // anvil 1.7.1 quirk: over WS an unknown method is -32602 "data did not match any variant of
        // untagged enum EthRpcCall" (HTTP says -32601 "Method not found").
        Assert.Equal(-32602, error.Code);
    }

    [Fact]
    public async Task SubscribeNewHeadsAsync_MineBlocks_ReceivesEachInOrder()
    {
        var ct = TestChain.Ct();
        await using var heads = await _ws.SubscribeNewHeadsAsync(ct);
        var start = await _http.BlockNumberAsync(ct);

        for (var i = 0; i < 5; i++)
            await _http.MineAsync(ct);

        var received = await TakeAsync(heads.Reader, 5);
        AssertContiguousChain(received, start + 1);
        Assert.Equal((await _http.GetBlockByNumberAsync(start + 5, ct))!.Hash, received[^1].Hash);
    }

    [Fact]
    public async Task SubscribeLogsAsync_EmitLogs_ReceivesMatchingLogsOnly()
    {
        var ct = TestChain.Ct();
        var from = Address.Parse(anvil.Accounts[0]);
        var topic = Keccak256.Hash("Ping(bytes)"u8);
        var emitter = await TestChain.DeployAsync(_http, from, EvmPrograms.EmitLog1(topic), ct);
        var other = await TestChain.DeployAsync(_http, from, EvmPrograms.EmitLog1(topic), ct);
        await using var logs = await _ws.SubscribeLogsAsync(new LogFilter { Addresses = [emitter], Topics = [[new Hash32(topic)]] }, ct);

        await TestChain.TransactAsync(_http, new CallRequest { From = from, To = other, Data = [9], Gas = 100_000 }, ct);
        var first = await TestChain.TransactAsync(_http, new CallRequest { From = from, To = emitter, Data = [1], Gas = 100_000 }, ct);
        var second = await TestChain.TransactAsync(_http, new CallRequest { From = from, To = emitter, Data = [2], Gas = 100_000 }, ct);

        var received = await TakeAsync(logs.Reader, 2);
        Assert.Equal([first.TransactionHash, second.TransactionHash], received.Select(l => l.TransactionHash));
        Assert.All(received, l => Assert.Equal(emitter, l.Address));
        Assert.Equal(new byte[] { 2 }, received[1].Data);
        Assert.False(logs.Reader.TryRead(out _));
    }

    [Fact]
    public async Task SubscribeNewHeadsAsync_ConnectionDroppedWhileMining_EveryBlockExactlyOnce()
    {
        var ct = TestChain.Ct();
        await using var heads = await _ws.SubscribeNewHeadsAsync(ct);
        var start = await _http.BlockNumberAsync(ct);
        await _http.MineAsync(ct);
        await _http.MineAsync(ct);
        var received = await TakeAsync(heads.Reader, 2);

        var gate = HoldReconnects(_ws);
        _ws.AbortConnection();
        for (var i = 0; i < 5; i++)
            await _http.MineAsync(ct); // mined while no socket exists
        gate.SetResult();
        received.AddRange(await TakeAsync(heads.Reader, 5)); // backfilled over HTTP
        for (var i = 0; i < 3; i++)
            await _http.MineAsync(ct); // live again on the new subscription
        received.AddRange(await TakeAsync(heads.Reader, 3));

        AssertContiguousChain(received, start + 1);
        Assert.Equal(1, _ws.ReconnectCount);
        await _http.MineAsync(ct);
        Assert.Equal(start + 11, (await TakeAsync(heads.Reader, 1))[0].Number); // nothing doubled in between
    }

    [Fact]
    public async Task SubscribeLogsAsync_ConnectionDroppedWhileEmitting_EveryLogExactlyOnce()
    {
        var ct = TestChain.Ct();
        var from = Address.Parse(anvil.Accounts[0]);
        var emitter = await TestChain.DeployAsync(_http, from, EvmPrograms.EmitLog1(Keccak256.Hash("Tick()"u8)), ct);
        await using var logs = await _ws.SubscribeLogsAsync(new LogFilter { Addresses = [emitter] }, ct);
        var sent = new List<Hash32>();
        async Task EmitAsync(int n)
        {
            for (var i = 0; i < n; i++)
                sent.Add((await TestChain.TransactAsync(_http, new CallRequest { From = from, To = emitter, Data = [(byte)sent.Count], Gas = 100_000 }, ct)).TransactionHash);
        }

        await EmitAsync(2);
        var received = await TakeAsync(logs.Reader, 2);
        var gate = HoldReconnects(_ws);
        _ws.AbortConnection();
        await EmitAsync(4);
        gate.SetResult();
        received.AddRange(await TakeAsync(logs.Reader, 4));
        await EmitAsync(2);
        received.AddRange(await TakeAsync(logs.Reader, 2));

        Assert.Equal(sent, received.Select(l => l.TransactionHash));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (byte)i), received.Select(l => l.Data.Single()));
        Assert.Equal(1, _ws.ReconnectCount);
        Assert.False(logs.Reader.TryRead(out _));
    }

    [Fact]
    public async Task SubscribeNewHeadsAsync_RepeatedDropsWhileMiningConcurrently_EveryBlockExactlyOnce()
    {
        var ct = TestChain.Ct();
        await using var heads = await _ws.SubscribeNewHeadsAsync(ct);
        var start = await _http.BlockNumberAsync(ct);
        const int total = 40;
        var mining = Task.Run(async () =>
        {
            for (var i = 0; i < total; i++)
                await _http.MineAsync(ct);
        }, ct);

        var received = new List<BlockHeader>();
        for (var drop = 0; drop < 4; drop++)
        {
            received.AddRange(await TakeAsync(heads.Reader, 5));
            _ws.AbortConnection(); // races with mining, notifications in flight and the previous reconnect
        }
        received.AddRange(await TakeAsync(heads.Reader, total - received.Count));
        await mining;

        AssertContiguousChain(received, start + 1);
        Assert.InRange(_ws.ReconnectCount, 1, 4);
        await _http.MineAsync(ct);
        Assert.Equal(start + total + 1, (await TakeAsync(heads.Reader, 1))[0].Number);
    }

    [Fact]
    public async Task ConnectAsync_ReconnectRefusedTwice_KeepsTryingAndRecovers()
    {
        var ct = TestChain.Ct();
        await using var heads = await _ws.SubscribeNewHeadsAsync(ct);
        var start = await _http.BlockNumberAsync(ct);
        var attempts = 0;
        var connect = _ws.Connector;
        _ws.Connector = (url, token) => Interlocked.Increment(ref attempts) <= 2
            ? throw new System.Net.WebSockets.WebSocketException("connection refused (simulated)")
            : connect(url, token);

        _ws.AbortConnection();
        await _http.MineAsync(2, ct);

        AssertContiguousChain(await TakeAsync(heads.Reader, 2), start + 1);
        Assert.Equal(3, attempts);
        Assert.Equal(31337UL, await _ws.ChainIdAsync(ct));
    }

    [Fact]
    public async Task Watchdog_SubscriptionSilentlyDead_ReconnectsAndBackfills()
    {
        var ct = TestChain.Ct();
        await using var ws = new EthWebSocketClient(anvil.WsUrl, _http, FastOptions(idleTimeout: TimeSpan.FromMilliseconds(200)));
        await ws.ConnectAsync(ct);
        await using var heads = await ws.SubscribeNewHeadsAsync(ct);
        var start = await _http.BlockNumberAsync(ct);

        ws.DropNotificationsOnCurrentConnection(); // socket stays open, notifications vanish
        for (var i = 0; i < 3; i++)
            await _http.MineAsync(ct);

        var received = await TakeAsync(heads.Reader, 3, TimeSpan.FromSeconds(10));
        AssertContiguousChain(received, start + 1);
        Assert.Equal(1, ws.ReconnectCount);
    }

    [Fact]
    public async Task DisposeAsync_Subscription_CompletesReaderAndStopsDelivery()
    {
        var ct = TestChain.Ct();
        var heads = await _ws.SubscribeNewHeadsAsync(ct);
        await heads.DisposeAsync();

        await _http.MineAsync(ct);
        await heads.Reader.Completion.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.False(heads.Reader.TryRead(out _));
    }
}
