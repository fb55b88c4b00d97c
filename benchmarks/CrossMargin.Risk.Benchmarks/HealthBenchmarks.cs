using System.Numerics;
using BenchmarkDotNet.Attributes;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Benchmarks;

/// <summary>Exact (to the wei) health of one account with 3 positions and 2 collaterals (CROSS, PORTFOLIO) or its first
/// position and 2 collaterals (ISOLATED).</summary>
[MemoryDiagnoser, MinColumn, MaxColumn]
public class HealthBenchmarks
{
    private RiskParameters _p = null!;
    private PriceSet _px = null!;
    private AccountState _cross = null!;
    private AccountState _portfolio = null!;
    private AccountState _isolated = null!;

    [GlobalSetup]
    public void Setup()
    {
        _p = new RiskParameters(default, 6);
        UInt256 F(double x) => (UInt256)(new BigInteger(x * 1e6) * BigInteger.Pow(10, 12));
        for (var i = 1; i <= 3; i++)
            _p.Markets[i] = new MarketRisk(default, 8, F(0.1), F(0.05), F(0.1), F(0.025), F(0.0005), F(1e6));
        _p.Collaterals[0] = new CollateralRisk(default, 0, default, 8, 18, F(0.1), F(0.15), F(0.05), 1);
        _p.Collaterals[1] = new CollateralRisk(default, 1, default, 8, 8, F(0.1), F(0.15), F(0.05), 2);
        _p.SetCorrelation(1, 2, (Int256)(BigInteger)F(0.8));
        _p.SetCorrelation(1, 3, (Int256)(BigInteger)F(0.6));
        _p.SetCorrelation(2, 3, (Int256)(BigInteger)F(0.5));
        _px = new PriceSet();
        _px.Market[1] = _px.Collateral[0] = F(2_000.12345678);
        _px.Market[2] = _px.Collateral[1] = F(60_000.5);
        _px.Market[3] = F(150.25);
        _cross = Account(MarginMode.Cross);
        _portfolio = Account(MarginMode.Portfolio);
        _isolated = Account(MarginMode.Isolated);
        _isolated.SetPosition(2, default);
        _isolated.SetPosition(3, default);
    }

    private static AccountState Account(MarginMode mode)
    {
        var a = new AccountState(1, mode) { QuoteBalance = (Int256)(-1_234_567_891L) };
        a.SetBalance(0, (UInt256)BigInteger.Parse("10123456789012345678"));
        a.SetBalance(1, (UInt256)(BigInteger)123_456_789);
        a.SetPosition(1, new PositionState((Int256)BigInteger.Parse("-10123456789012345671"), (Int256)BigInteger.Parse("-20246913578024691342000")));
        a.SetPosition(2, new PositionState((Int256)BigInteger.Parse("333333333333333333"), (Int256)BigInteger.Parse("19999999999999999980000")));
        a.SetPosition(3, new PositionState((Int256)BigInteger.Parse("-99999999999999999999"), (Int256)BigInteger.Parse("-15000000000000000000000")));
        return a;
    }

    [Benchmark]
    public Health ExactHealthIsolated() => HealthCalculator.Compute(_isolated, _p, _px);

    [Benchmark]
    public Health ExactHealthCross() => HealthCalculator.Compute(_cross, _p, _px);

    [Benchmark]
    public Health ExactHealthPortfolio() => HealthCalculator.Compute(_portfolio, _p, _px);
}
