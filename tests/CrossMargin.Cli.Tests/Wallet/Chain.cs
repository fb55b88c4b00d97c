using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Tests.Wallet;

/// <summary>Reads the chain state the tests assert on, through the generated bindings (not through the CLI under test).</summary>
internal sealed class Chain(WalletDevnet devnet)
{
    private readonly ContractClient _engine = new(Binding, devnet.Devnet.Engine, devnet.Rpc);

    public Task<HealthFunction.Result> HealthAsync(ulong id) => _engine.CallAsync(HealthFunction.Encode(id), HealthFunction.DecodeResult, default);

    public Task<UInt256> CollateralAsync(ulong id, Address asset) =>
        _engine.CallAsync(CollateralBalanceOfFunction.Encode(id, asset), CollateralBalanceOfFunction.DecodeResult, default);

    public async Task<Int256> QuoteBalanceAsync(ulong id) =>
        (await _engine.CallAsync(AccountInfoFunction.Encode(id), AccountInfoFunction.DecodeResult, default)).QuoteBalance;

    public async Task<Int256> SizeAsync(ulong id, int market) =>
        (await _engine.CallAsync(PositionOfFunction.Encode(id, (ulong)market), PositionOfFunction.DecodeResult, default)).Size;

    public Task<UInt256> MarketPriceAsync(int market) => _engine.CallAsync(MarketPriceFunction.Encode((ulong)market), MarketPriceFunction.DecodeResult, default);

    public Task<UInt256> WalletBalanceAsync(Address token, Address owner) =>
        new ContractClient(MockERC20Contract.Binding, token, devnet.Rpc).CallAsync(MockERC20Contract.BalanceOfFunction.Encode(owner), MockERC20Contract.BalanceOfFunction.DecodeResult, default);

    public Task<Int256> AnswerAsync(Address feed) =>
        new ContractClient(MockAggregatorContract.Binding, feed, devnet.Rpc).CallAsync(MockAggregatorContract.LatestAnswerFunction.Encode(), MockAggregatorContract.LatestAnswerFunction.DecodeResult, default);
}
