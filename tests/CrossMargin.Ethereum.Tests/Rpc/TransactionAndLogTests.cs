using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Tests.Fixtures;

namespace CrossMargin.Ethereum.Tests.Rpc;

[Collection(AnvilCollection.Name)]
public sealed class TransactionAndLogTests(AnvilFixture anvil)
{
    private readonly JsonRpcClient _client = TestChain.Http(anvil.HttpUrl);

    [Fact]
    public async Task SendRawTransactionAsync_Resent_WithOptIn_ReturnsSameHash_WithoutOptIn_Throws()
    {
        var ct = TestChain.Ct();
        var from = Address.Parse(anvil.Accounts[1]);
        var nonce = await _client.GetTransactionCountAsync(from, BlockParameter.Pending, ct);
        var raw = await _client.SignTransactionAsync(new CallRequest
        {
            From = from, To = Address.Parse(anvil.Accounts[2]), Value = 1, Gas = 21_000, Nonce = nonce, ChainId = 31337,
            MaxFeePerGas = 100_000_000_000, MaxPriorityFeePerGas = 1,
        }, ct);

        var hash = await _client.SendRawTransactionAsync(raw, allowAmbiguousRetry: false, ct);
        Assert.Equal(EthRequests.TransactionHashOf(raw), hash);

        // Already mined (automine): a resend is rejected as "nonce too low"…
        var error = await Assert.ThrowsAsync<JsonRpcException>(() => _client.SendRawTransactionAsync(raw, allowAmbiguousRetry: false, ct));
        Assert.Equal(-32003, error.Code);
        // …which the opt-in path recognises as "this very transaction is known" and maps to its hash.
        Assert.Equal(hash, await _client.SendRawTransactionAsync(raw, allowAmbiguousRetry: true, ct));
    }

    [Fact]
    public async Task SendRawTransactionAsync_ResentWhilePending_WithOptIn_ReturnsHash()
    {
        var ct = TestChain.Ct();
        var from = Address.Parse(anvil.Accounts[3]);
        await _client.SetAutomineAsync(false, ct);
        try
        {
            var latest = await _client.GetTransactionCountAsync(from, BlockParameter.Latest, ct);
            var raw = await _client.SignTransactionAsync(new CallRequest
            {
                From = from, To = Address.Parse(anvil.Accounts[4]), Value = 1, Gas = 21_000, Nonce = latest, ChainId = 31337,
                MaxFeePerGas = 100_000_000_000, MaxPriorityFeePerGas = 1,
            }, ct);
            var hash = await _client.SendRawTransactionAsync(raw, allowAmbiguousRetry: false, ct);

            Assert.Equal(latest + 1, await _client.GetTransactionCountAsync(from, BlockParameter.Pending, ct));
            Assert.Equal(latest, await _client.GetTransactionCountAsync(from, BlockParameter.Latest, ct));
            var error = await Assert.ThrowsAsync<JsonRpcException>(() => _client.SendRawTransactionAsync(raw, allowAmbiguousRetry: false, ct));
            Assert.Contains("already imported", error.RpcMessage, StringComparison.Ordinal);
            Assert.Equal(hash, await _client.SendRawTransactionAsync(raw, allowAmbiguousRetry: true, ct));
        }
        finally
        {
            await _client.SetAutomineAsync(true, ct);
            await _client.MineAsync(ct);
        }
    }

    [Fact]
    public async Task GetLogsAsync_AddressesAndOrTopicsWithNull_ReturnMatchingLogs()
    {
        var ct = TestChain.Ct();
        var from = Address.Parse(anvil.Accounts[0]);
        var topicA = Keccak256.Hash("A()"u8);
        var topicB = Keccak256.Hash("B()"u8);
        var emitterA = await TestChain.DeployAsync(_client, from, EvmPrograms.EmitLog1(topicA), ct);
        var emitterB = await TestChain.DeployAsync(_client, from, EvmPrograms.EmitLog1(topicB), ct);
        var receiptA = await TestChain.TransactAsync(_client, new CallRequest { From = from, To = emitterA, Data = [1, 2, 3], Gas = 100_000 }, ct);
        var receiptB = await TestChain.TransactAsync(_client, new CallRequest { From = from, To = emitterB, Data = [4], Gas = 100_000 }, ct);
        var range = new LogFilter { FromBlock = receiptA.BlockNumber, ToBlock = receiptB.BlockNumber };

        var both = await _client.GetLogsAsync(range with { Addresses = [emitterA, emitterB], Topics = [[new Hash32(topicA), new Hash32(topicB)]] }, ct);
        var onlyA = await _client.GetLogsAsync(range with { Addresses = [emitterA, emitterB], Topics = [[new Hash32(topicA)]] }, ct);
        var wildcard = await _client.GetLogsAsync(range with { Addresses = [emitterB], Topics = [null] }, ct);

        Assert.Equal(2, both.Count);
        var logA = Assert.Single(onlyA);
        Assert.Equal(emitterA, logA.Address);
        Assert.Equal(new Hash32(topicA), Assert.Single(logA.Topics));
        Assert.Equal(new byte[] { 1, 2, 3 }, logA.Data);
        Assert.Equal(receiptA.BlockNumber, logA.BlockNumber);
        Assert.Equal(receiptA.BlockHash, logA.BlockHash);
        Assert.Equal(receiptA.TransactionHash, logA.TransactionHash);
        Assert.False(logA.Removed);
        Assert.Equal(emitterB, Assert.Single(wildcard).Address);
        Assert.Equal(logA, Assert.Single(receiptA.Logs), LogComparer);
    }

    private static readonly IEqualityComparer<LogEntry> LogComparer = EqualityComparer<LogEntry>.Create(
        (a, b) => a!.Key == b!.Key && a.Data.AsSpan().SequenceEqual(b.Data) && a.Address == b.Address,
        l => l.Key.GetHashCode());
}
