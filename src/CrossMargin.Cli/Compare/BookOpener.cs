using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Risk.Model;
using Health = CrossMargin.Risk.Model.Health;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Compare;

/// <summary>
/// Opens a portfolio's accounts for real: open, deposit WETH and a generous USDC amount (so that in PORTFOLIO mode
/// the first leg of a hedge, unhedged on its own, can be opened), trade each leg at the oracle price, read `health`.
/// Then withdraws USDC down to the stress book's funding: free margin <see cref="StressBuffer"/> × IM (or all the
/// USDC, when the WETH alone covers more).
/// </summary>
internal sealed class BookOpener(DevnetContracts devnet, TransactionSender trader)
{
    /// <summary>Stress books hold NLV_hi = (1 + buffer) × IM: every mode funded at the same multiple of its own requirement.</summary>
    public const decimal StressBuffer = 0.5m;

    private readonly ContractClient _engine = DevnetContracts.As(devnet.Engine, trader);

    /// <summary>Mints the trader's USDC and WETH and approves the engine for both.</summary>
    public async Task FundTraderAsync(CancellationToken ct)
    {
        foreach (var (token, amount) in new[] { (devnet.Usdc, (UInt256)1_000_000_000UL * DevnetContracts.UsdcUnit), (devnet.Weth, DevnetContracts.Wad * 1_000_000UL) })
        {
            var asTrader = DevnetContracts.As(token, trader);
            await asTrader.SendAsync(MockERC20Contract.MintFunction.Encode(trader.Address, amount), ct);
            await asTrader.SendAsync(MockERC20Contract.ApproveFunction.Encode(devnet.Engine.Address, UInt256.MaxValue), ct);
        }
    }

    public async Task<IReadOnlyList<OpenedAccount>> OpenAsync(Portfolio portfolio, MarginMode mode, CancellationToken ct)
    {
        var opened = new List<OpenedAccount>();
        foreach (var account in portfolio.Accounts(mode))
            opened.Add(await OpenOneAsync(portfolio.Name, account, mode, ct));
        return opened;
    }

    private async Task<OpenedAccount> OpenOneAsync(string name, Portfolio account, MarginMode mode, CancellationToken ct)
    {
        var receipt = await _engine.SendAsync(OpenAccountFunction.Encode((byte)mode), ct);
        var id = (UInt256)_engine.Events<AccountOpenedEvent>(receipt).Single().AccountId;
        var deposits = BigInteger.Zero;
        if (account.Weth > 0)
        {
            var weth = Wad(account.Weth);
            await _engine.SendAsync(DepositFunction.Encode(id, devnet.Weth.Address, (UInt256)weth), ct);
            deposits += weth * Wad(CompareMarkets.OpeningPrice[CompareMarkets.Eth]) / BigInteger.Pow(10, 18);
        }
        var notional = account.Legs.Sum(l => Math.Abs(l.Size) * CompareMarkets.OpeningPrice[l.Market]);
        var usdc = (ulong)decimal.Ceiling(notional / 2 + 1_000) * DevnetContracts.UsdcUnit;
        await _engine.SendAsync(DepositFunction.Encode(id, devnet.Usdc.Address, usdc), ct);
        deposits += (BigInteger)usdc * 1_000_000_000_000;
        foreach (var leg in account.Legs)
        {
            var limit = leg.Size > 0 ? UInt256.MaxValue : UInt256.Zero;
            await _engine.SendAsync(TradeFunction.Encode(id, (UInt256)(ulong)leg.Market, (Int256)Wad(leg.Size), limit), ct);
        }
        var atOpen = await HealthAsync(id, ct);
        await WithdrawToStressFundingAsync(id, atOpen, ct);
        return new OpenedAccount((ulong)id, name, mode, atOpen, deposits, await HealthAsync(id, ct));
    }

    private async Task WithdrawToStressFundingAsync(UInt256 id, Health h, CancellationToken ct)
    {
        var im = (BigInteger)h.Im;
        var excess = (BigInteger)h.NlvInit - im - im * (int)(StressBuffer * 100) / 100;
        var quote = (BigInteger)(await _engine.CallAsync(AccountInfoFunction.Encode(id), AccountInfoFunction.DecodeResult, ct)).QuoteBalance;
        // Rounds down to whole quote units: the withdrawal never takes more than the excess.
        var amount = BigInteger.Min(quote, excess / 1_000_000_000_000);
        if (amount > 0)
            await _engine.SendAsync(WithdrawFunction.Encode(id, devnet.Usdc.Address, (UInt256)amount), ct);
    }

    public async Task<Health> HealthAsync(UInt256 id, CancellationToken ct)
    {
        var r = await _engine.CallAsync(HealthFunction.Encode(id), HealthFunction.DecodeResult, ct);
        return new Health(r.NlvMaint, r.NlvInit, r.Mm, r.Im);
    }

    /// <summary>Base units or USD as WAD; the inputs have at most 6 decimals, so this is exact.</summary>
    public static BigInteger Wad(decimal value) => (BigInteger)decimal.Round(value * 1_000_000m) * 1_000_000_000_000;
}
