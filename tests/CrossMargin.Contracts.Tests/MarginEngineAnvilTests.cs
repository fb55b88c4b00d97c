using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Risk.Model;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Contracts.Tests;

/// <summary>The typed bindings + ContractClient against the real contracts on anvil.</summary>
[Collection(DevnetCollection.Name)]
public sealed class MarginEngineAnvilTests(DevnetFixture fixture)
{
    private static readonly ulong Usdc1 = OneMarketDevnet.Usdc1;
    private OneMarketDevnet D => fixture.Devnet;

    [Fact]
    public async Task Trade_CrossAccountWithUsdcAndWeth_HealthAndEventsExact()
    {
        var ct = OneMarketDevnet.Ct();
        var (trader, engine, accountId) = await OpenFundedAccountAsync(10_000 * Usdc1, ct);
        await D.Weth.SendAsync(MockERC20Contract.MintFunction.Encode(trader.Address, OneMarketDevnet.Wad), ct);
        await D.As(D.Weth, trader).SendAsync(MockERC20Contract.ApproveFunction.Encode(engine.Address, OneMarketDevnet.Wad), ct);
        var wethDeposit = await engine.SendAsync(DepositFunction.Encode(accountId, D.Weth.Address, OneMarketDevnet.Wad), ct);

        var trade = await engine.SendAsync(TradeFunction.Encode(accountId, 1, (Int256)OneMarketDevnet.Wad, OneMarketDevnet.Wads(2_001)), ct);
        var health = await engine.CallAsync(HealthFunction.Encode(accountId), HealthFunction.DecodeResult, ct);

        // Fee ⌈2,000 · 0.0005⌉ = 1 USDC; NLV_hm = 9,999 + 2,000·0.90, NLV_hi = 9,999 + 2,000·0.85; MM 5%, IM 10% of 2,000.
        Assert.Equal(new HealthFunction.Result((Int256)OneMarketDevnet.Wads(11_799), (Int256)OneMarketDevnet.Wads(11_699), OneMarketDevnet.Wads(100), OneMarketDevnet.Wads(200)), health);
        var position = Assert.Single(engine.Events<PositionUpdatedEvent>(trade));
        Assert.Equal(new PositionUpdatedEvent(accountId, 1, (Int256)OneMarketDevnet.Wad, OneMarketDevnet.Wads(2_000), (Int256)OneMarketDevnet.Wad, (Int256)OneMarketDevnet.Wads(2_000), Int256.Zero, Usdc1), position);
        var settlement = Assert.Single(engine.Events<CollateralUpdatedEvent>(trade));
        Assert.Equal(new CollateralUpdatedEvent(accountId, D.Usdc.Address, -(Int256)(long)Usdc1, (Int256)(long)(9_999 * Usdc1), 2), settlement);
        var deposit = Assert.Single(engine.Events<CollateralUpdatedEvent>(wethDeposit));
        Assert.Equal(new CollateralUpdatedEvent(accountId, D.Weth.Address, (Int256)OneMarketDevnet.Wad, (Int256)OneMarketDevnet.Wad, 0), deposit);
    }

    [Fact]
    public async Task SendAsync_WithdrawMoreThanBalance_ThrowsDecodedInsufficientBalance()
    {
        var ct = OneMarketDevnet.Ct();
        var (_, engine, accountId) = await OpenFundedAccountAsync(500 * Usdc1, ct);

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => engine.SendAsync(WithdrawFunction.Encode(accountId, D.Usdc.Address, 501 * Usdc1), ct));

        Assert.Equal("InsufficientBalance", e.ErrorName);
        Assert.Equal(new InsufficientBalanceError(D.Usdc.Address, 500 * Usdc1, 501 * Usdc1), e.Error);
        Assert.Equal(D.Usdc.Address, (Address)e.Reason["asset"]);
        Assert.Null(e.TransactionHash);
    }

    [Fact]
    public async Task SendAsync_TradeWithoutMargin_ThrowsDecodedInsufficientMargin()
    {
        var ct = OneMarketDevnet.Ct();
        var (_, engine, accountId) = await OpenFundedAccountAsync(10 * Usdc1, ct);

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => engine.SendAsync(TradeFunction.Encode(accountId, 1, (Int256)OneMarketDevnet.Wad, OneMarketDevnet.Wads(2_001)), ct));

        // 10 USDC − 1 USDC fee against IM = 200 USD.
        Assert.Equal(new InsufficientMarginError(accountId, (Int256)OneMarketDevnet.Wads(9), OneMarketDevnet.Wads(200)), e.Error);
    }

    [Fact]
    public async Task SendAsync_MinedFailureWithFixedGas_ReSimulatesForTheReason()
    {
        var ct = OneMarketDevnet.Ct();
        var (_, engine, accountId) = await OpenFundedAccountAsync(500 * Usdc1, ct);

        var e = await Assert.ThrowsAsync<ContractRevertException>(() => engine.SendAsync(WithdrawFunction.Encode(accountId, D.Usdc.Address, 501 * Usdc1), ct, gasLimit: 300_000));

        Assert.NotNull(e.TransactionHash);
        Assert.False(e.Receipt!.Succeeded);
        Assert.Equal(new InsufficientBalanceError(D.Usdc.Address, 500 * Usdc1, 501 * Usdc1), e.Error);
    }

    [Fact]
    public async Task CallAsync_UnknownAccount_ThrowsDecodedCustomError()
    {
        var e = await Assert.ThrowsAsync<ContractRevertException>(() => D.Engine.CallAsync(WithdrawFunction.Encode(999_999, D.Usdc.Address, 1), _ => 0, OneMarketDevnet.Ct()));
        Assert.NotNull(e.ErrorName);
        Assert.IsNotType<Ethereum.Abi.RevertReason>(e.Error);
    }

    private async Task<(TransactionSender Trader, ContractClient Engine, UInt256 AccountId)> OpenFundedAccountAsync(ulong usdc, CancellationToken ct)
    {
        var trader = await OneMarketDevnet.FundedSenderAsync(fixture.Rpc, ct);
        var engine = D.As(D.Engine, trader);
        var opened = await engine.SendAsync(OpenAccountFunction.Encode((byte)MarginMode.Cross), ct);
        var account = Assert.Single(engine.Events<AccountOpenedEvent>(opened));
        Assert.Equal(trader.Address, account.Owner);
        await D.Usdc.SendAsync(MockERC20Contract.MintFunction.Encode(trader.Address, usdc), ct);
        await D.As(D.Usdc, trader).SendAsync(MockERC20Contract.ApproveFunction.Encode(engine.Address, usdc), ct);
        await engine.SendAsync(DepositFunction.Encode(account.AccountId, D.Usdc.Address, usdc), ct);
        return (trader, engine, account.AccountId);
    }
}
