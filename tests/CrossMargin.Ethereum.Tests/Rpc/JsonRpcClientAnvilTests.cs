using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Tests.Fixtures;

namespace CrossMargin.Ethereum.Tests.Rpc;

[Collection(AnvilCollection.Name)]
public sealed class JsonRpcClientAnvilTests(AnvilFixture anvil)
{
    private readonly JsonRpcClient _client = TestChain.Http(anvil.HttpUrl);

    private Address Deployer => Address.Parse(anvil.Accounts[0]);

    [Fact]
    public void Fixture_DefaultKeys_ParsedFromAnvilBanner()
    {
        Assert.Equal(10, anvil.PrivateKeys.Count);
        Assert.Equal("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", anvil.PrivateKeys[0]);
        Assert.Equal("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", Address.Parse(anvil.Accounts[0]).ToLowerHex());
    }

    [Fact]
    public async Task ChainIdAsync_Anvil_Returns31337() =>
        Assert.Equal(31337UL, await _client.ChainIdAsync(TestChain.Ct()));

    [Fact]
    public async Task GetBlockByNumberAsync_AfterMine_ReturnsLinkedHeader()
    {
        var ct = TestChain.Ct();
        await _client.MineAsync(ct);
        var latest = await _client.BlockNumberAsync(ct);
        var header = await _client.GetBlockByNumberAsync(latest, ct);
        var parent = await _client.GetBlockByNumberAsync(latest - 1, ct);

        Assert.NotNull(header);
        Assert.NotNull(parent);
        Assert.Equal(latest, header.Number);
        Assert.NotEqual(Hash32.Zero, header.Hash);
        Assert.Equal(parent.Hash, header.ParentHash);
        Assert.True(header.Timestamp >= parent.Timestamp);
        Assert.True(header.BaseFeePerGas > 0);
    }

    [Fact]
    public async Task GetBlockByNumberAsync_FutureBlock_ReturnsNull()
    {
        var ct = TestChain.Ct();
        var latest = await _client.BlockNumberAsync(ct);
        Assert.Null(await _client.GetBlockByNumberAsync(latest + 1000, ct));
    }

    [Fact]
    public async Task SendBatchAsync_HundredMixedRequests_EachResultMatchesItsRequest()
    {
        var ct = TestChain.Ct();
        await _client.MineAsync(3, ct);
        var head = await _client.BlockNumberAsync(ct);
        var batch = new RpcBatch();
        var checks = new List<Func<Task>>();
        for (var i = 0; i < 100; i++)
        {
            var n = (ulong)i % (head + 1);
            var account = Address.Parse(anvil.Accounts[i % anvil.Accounts.Count]);
            switch (i % 5)
            {
                case 0:
                    var chainId = batch.Add(EthRequests.ChainId());
                    checks.Add(async () => Assert.Equal(31337UL, await chainId));
                    break;
                case 1:
                    var block = batch.Add(EthRequests.GetBlockByNumber(n));
                    checks.Add(async () => Assert.Equal(n, (await block)!.Number));
                    break;
                case 2:
                    var balance = batch.Add(EthRequests.GetBalance(account, BlockParameter.Latest));
                    var expectedBalance = await _client.GetBalanceAsync(account, BlockParameter.Latest, ct);
                    checks.Add(async () => Assert.Equal(expectedBalance, await balance));
                    break;
                case 3:
                    var nonce = batch.Add(EthRequests.GetTransactionCount(account, BlockParameter.Latest));
                    var expectedNonce = await _client.GetTransactionCountAsync(account, BlockParameter.Latest, ct);
                    checks.Add(async () => Assert.Equal(expectedNonce, await nonce));
                    break;
                default:
                    var bad = batch.Add(EthRequests.GetBlockByNumber(n + 1_000_000));
                    checks.Add(async () => Assert.Null(await bad));
                    break;
            }
        }

        await _client.SendBatchAsync(batch, ct);

        Assert.Equal(100, batch.Count);
        foreach (var check in checks)
            await check();
    }

    [Fact]
    public async Task SendBatchAsync_OneItemFails_OthersStillSucceed()
    {
        var ct = TestChain.Ct();
        var batch = new RpcBatch();
        var ok = batch.Add(EthRequests.ChainId());
        var bad = batch.Add(new RpcRequest<bool>("eth_noSuchMethod", null, _ => true));
        await _client.SendBatchAsync(batch, ct);

        Assert.Equal(31337UL, await ok);
        var error = await Assert.ThrowsAsync<JsonRpcException>(() => bad);
        Assert.Equal(-32601, error.Code);
    }

    [Fact]
    public async Task SendAsync_UnknownMethod_ThrowsJsonRpcExceptionWithCode()
    {
        var error = await Assert.ThrowsAsync<JsonRpcException>(() => _client.SendAsync(new RpcRequest<bool>("eth_noSuchMethod", null, _ => true), TestChain.Ct()));
        Assert.Equal(-32601, error.Code);
        Assert.Equal("Method not found", error.RpcMessage);
        Assert.IsNotType<JsonRpcRevertException>(error);
    }

    [Fact]
    public async Task CallAsync_CustomErrorRevert_ThrowsRevertExceptionWithSelectorData()
    {
        var ct = TestChain.Ct();
        var contract = await TestChain.DeployAsync(_client, Deployer, EvmPrograms.RevertWithSelector(0xdeadbeef), ct);

        var error = await Assert.ThrowsAsync<JsonRpcRevertException>(() => _client.CallAsync(new CallRequest { To = contract }, BlockParameter.Latest, ct));

        Assert.Equal(3, error.Code);
        Assert.Equal("0xdeadbeef", Hex.Encode(error.RevertData));
        Assert.Equal("0xdeadbeef", error.Selector);
    }

    [Fact]
    public async Task EstimateGasAsync_CustomErrorRevert_ThrowsRevertExceptionWithSelectorData()
    {
        var ct = TestChain.Ct();
        var contract = await TestChain.DeployAsync(_client, Deployer, EvmPrograms.RevertWithSelector(0x12345678), ct);

        var error = await Assert.ThrowsAsync<JsonRpcRevertException>(() => _client.EstimateGasAsync(new CallRequest { From = Deployer, To = contract }, ct));

        Assert.Equal("0x12345678", Hex.Encode(error.RevertData));
    }

    [Fact]
    public async Task CallAsync_BareRevert_ThrowsRevertExceptionWithEmptyData()
    {
        var ct = TestChain.Ct();
        var contract = await TestChain.DeployAsync(_client, Deployer, EvmPrograms.BareRevert(), ct);

        var error = await Assert.ThrowsAsync<JsonRpcRevertException>(() => _client.CallAsync(new CallRequest { To = contract }, BlockParameter.Latest, ct));

        Assert.Empty(error.RevertData);
        Assert.Null(error.Selector);
    }

    [Fact]
    public async Task GetTransactionReceiptAsync_Deployment_HasStatusGasAndContractAddress()
    {
        var ct = TestChain.Ct();
        var receipt = await TestChain.TransactAsync(_client, new CallRequest { From = Deployer, Data = EvmPrograms.Deployable(EvmPrograms.BareRevert()) }, ct);

        Assert.True(receipt.Succeeded);
        Assert.NotNull(receipt.ContractAddress);
        Assert.Null(receipt.To);
        Assert.True(receipt.GasUsed > 21_000);
        Assert.True(receipt.EffectiveGasPrice > 0);
        Assert.Equal(Deployer, receipt.From);
    }

    [Fact]
    public async Task GetTransactionReceiptAsync_UnknownHash_ReturnsNull() =>
        Assert.Null(await _client.GetTransactionReceiptAsync(Hash32.Zero, TestChain.Ct()));

    [Fact]
    public async Task FeeEstimators_Anvil_ReturnConsistentValues()
    {
        var ct = TestChain.Ct();
        await _client.MineAsync(4, ct);
        var history = await _client.FeeHistoryAsync(4, BlockParameter.Latest, [25, 75], ct);
        var tip = await _client.MaxPriorityFeePerGasAsync(ct);
        var gasPrice = await _client.GasPriceAsync(ct);

        Assert.Equal(5, history.BaseFeePerGas.Count);
        Assert.Equal(4, history.GasUsedRatio.Count);
        Assert.Equal(4, history.Reward.Count);
        Assert.All(history.Reward, r => Assert.Equal(2, r.Count));
        Assert.True(tip > 0);
        Assert.True(gasPrice > 0);
    }

    [Fact]
    public async Task SetBalanceAsync_ThenSnapshotRevert_RestoresBalance()
    {
        var ct = TestChain.Ct();
        var account = Address.Parse(anvil.Accounts[9]);
        var before = await _client.GetBalanceAsync(account, BlockParameter.Latest, ct);
        var snapshot = await _client.SnapshotAsync(ct);

        await _client.SetBalanceAsync(account, 12345UL, ct);
        Assert.Equal((UInt256)12345UL, await _client.GetBalanceAsync(account, BlockParameter.Latest, ct));

        Assert.True(await _client.RevertAsync(snapshot, ct));
        Assert.Equal(before, await _client.GetBalanceAsync(account, BlockParameter.Latest, ct));
    }

    [Fact]
    public async Task ReorgAsync_DepthOne_ReplacesLatestBlockHash()
    {
        var ct = TestChain.Ct();
        await _client.MineAsync(2, ct);
        var before = await _client.GetBlockByNumberAsync(BlockParameter.Latest, ct);

        await _client.ReorgAsync(1, ct);
        var after = await _client.GetBlockByNumberAsync(before!.Number, ct);

        Assert.NotEqual(before.Hash, after!.Hash);
        Assert.Equal(before.ParentHash, after.ParentHash);
    }
}
