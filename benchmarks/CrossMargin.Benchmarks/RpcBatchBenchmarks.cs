using BenchmarkDotNet.Attributes;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;

namespace CrossMargin.Benchmarks;

/// <summary>JSON-RPC round trips against a local anvil: one eth_call, and a batch of 100 eth_call (balanceOf).</summary>
public class RpcBatchBenchmarks
{
    private AnvilNode? _anvil;
    private readonly HttpClient _http = new();
    private JsonRpcClient _rpc = null!;
    private CallRequest[] _calls = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _anvil = await AnvilNode.StartAsync();
        _rpc = new JsonRpcClient(_http, _anvil.HttpUrl);
        var key = PrivateKey.Generate();
        await _rpc.SetBalanceAsync(key.Address, UInt256.Parse("1000000000000000000000"), default);
        var sender = await TransactionSender.CreateAsync(_rpc, key, new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(10) }, default);
        var token = await ContractClient.DeployAsync(MockERC20Contract.Binding, MockERC20Contract.EncodeDeploy("USD Coin", "USDC", 6), sender, default);
        _calls = Enumerable.Range(0, 100)
            .Select(i => new CallRequest { To = token.Address, Data = MockERC20Contract.BalanceOfFunction.Encode(PrivateKey.Generate().Address) })
            .ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }

    [Benchmark]
    public Task<byte[]> SingleCall() => _rpc.CallAsync(_calls[0], BlockParameter.Latest, default);

    [Benchmark(OperationsPerInvoke = 1)]
    public async Task<int> Batch100Calls()
    {
        var batch = new RpcBatch();
        var results = _calls.Select(c => batch.Add(EthRequests.Call(c, BlockParameter.Latest))).ToArray();
        await _rpc.SendBatchAsync(batch, default);
        var total = 0;
        foreach (var r in results)
            total += (await r).Length;
        return total;
    }
}
