using BenchmarkDotNet.Attributes;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.RPC.Eth.Transactions;
using OurBlock = CrossMargin.Ethereum.Rpc.BlockParameter;
using TheirBlock = Nethereum.RPC.Eth.DTOs.BlockParameter;

namespace CrossMargin.Benchmarks.Versus;

/// <summary>
/// JSON-RPC round trips to one local anvil (started with --prune-history): one eth_call (ERC-20 balanceOf) and one batch
/// of 100, through our <c>JsonRpcClient</c> and through Nethereum's <c>RpcClient</c> (<c>EthCall</c>,
/// <c>SendBatchRequestAsync</c>). Same node, same calls, one shared HttpClient per side.
/// </summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory), CategoriesColumn]
public class RpcVersusBenchmarks
{
    private AnvilNode? _anvil;
    private readonly HttpClient _ourHttp = new(), _theirHttp = new();
    private JsonRpcClient _ours = null!;
    private RpcClient _theirs = null!;
    private EthCall _theirCall = null!;
    private CallRequest[] _calls = [];
    private CallInput[] _theirCalls = [];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _anvil = await AnvilNode.StartAsync();
        _ours = new JsonRpcClient(_ourHttp, _anvil.HttpUrl);
        _theirs = new RpcClient(_anvil.HttpUrl, _theirHttp);
        _theirCall = new EthCall(_theirs);
        var key = PrivateKey.Generate();
        await _ours.SetBalanceAsync(key.Address, UInt256.Parse("1000000000000000000000"), default);
        var sender = await TransactionSender.CreateAsync(_ours, key, new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(10) }, default);
        var token = await ContractClient.DeployAsync(MockERC20Contract.Binding, MockERC20Contract.EncodeDeploy("USD Coin", "USDC", 6), sender, default);
        _calls = Enumerable.Range(0, 100)
            .Select(i => new CallRequest { To = token.Address, Data = MockERC20Contract.BalanceOfFunction.Encode(PrivateKey.Generate().Address) })
            .ToArray();
        _theirCalls = _calls.Select(c => new CallInput(Hex.Encode(c.Data!), c.To!.Value.ToString())).ToArray();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("SingleCall")]
    public Task<byte[]> Ours_SingleCall() => _ours.CallAsync(_calls[0], OurBlock.Latest, default);

    [Benchmark]
    [BenchmarkCategory("SingleCall")]
    public Task<string> Nethereum_SingleCall() => _theirCall.SendRequestAsync(_theirCalls[0], TheirBlock.CreateLatest());

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Batch100")]
    public async Task<int> Ours_Batch100Calls()
    {
        var batch = new RpcBatch();
        var results = _calls.Select(c => batch.Add(EthRequests.Call(c, OurBlock.Latest))).ToArray();
        await _ours.SendBatchAsync(batch, default);
        var total = 0;
        foreach (var r in results)
            total += (await r).Length;
        return total;
    }

    [Benchmark]
    [BenchmarkCategory("Batch100")]
    public async Task<int> Nethereum_Batch100Calls()
    {
        var batch = new RpcRequestResponseBatch();
        var items = _theirCalls.Select((c, i) => new RpcRequestResponseBatchItem<EthCall, string>(_theirCall, _theirCall.BuildRequest(c, TheirBlock.CreateLatest(), i))).ToArray();
        foreach (var item in items)
            batch.BatchItems.Add(item);
        await _theirs.SendBatchRequestAsync(batch);
        var total = 0;
        foreach (var item in items)
            total += (item.Response.Length - 2) / 2;
        return total;
    }
}
