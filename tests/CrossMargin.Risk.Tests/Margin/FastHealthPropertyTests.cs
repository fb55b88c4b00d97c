using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Screening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossMargin.Risk.Tests.Margin;

/// <summary>
/// The 128-bit fast path equals the 256-bit transcription (<see cref="HealthCalculator.ComputeWide"/>) on random accounts
/// whose magnitudes span 1 wei to beyond 2^128 (so both the fast path and its fallback run), in every mode, at random
/// prices; and when the 256-bit path reverts (overflow), <see cref="HealthCalculator.Compute"/> reverts too.
/// </summary>
public sealed class FastHealthPropertyTests
{
    private static readonly RiskParameters Params = TestBooks.FixtureParameters();

    [Property(MaxTest = 3_000)]
    public bool Compute_RandomMagnitudes_EqualsWidePath(int seed)
    {
        var rng = new Random(seed);
        var a = RandomAccount(rng);
        var px = new PriceSet();
        px.Market[1] = px.Collateral[0] = RandomPrice(rng);
        px.Market[2] = px.Collateral[1] = RandomPrice(rng);
        px.Market[3] = RandomPrice(rng);
        Health? wide = null;
        try
        {
            wide = HealthCalculator.ComputeWide(a, Params, px);
        }
        catch (OverflowException)
        {
        }
        if (wide is null)
            return Throws(() => HealthCalculator.Compute(a, Params, px));
        // The fast path alone either matches or declines (overflow) — it never returns a different value.
        var fastMatchesOrDeclines = Throws(() => FastHealth.Compute(a, Params, px)) || FastHealth.Compute(a, Params, px) == wide;
        return fastMatchesOrDeclines && HealthCalculator.Compute(a, Params, px) == wide;
    }

    /// <summary>The generator above really exercises the fast path, its fallback and reverts.</summary>
    [Fact]
    public void Generator_CoversFastPathFallbackAndRevert()
    {
        int fast = 0, fallback = 0, reverts = 0;
        for (var seed = 0; seed < 2_000; seed++)
        {
            Assert.True(Compute_RandomMagnitudes_EqualsWidePath(seed), $"seed {seed}: fast path differs from the 256-bit path");
            var rng = new Random(seed);
            var a = RandomAccount(rng);
            var px = new PriceSet();
            px.Market[1] = px.Collateral[0] = RandomPrice(rng);
            px.Market[2] = px.Collateral[1] = RandomPrice(rng);
            px.Market[3] = RandomPrice(rng);
            if (Throws(() => HealthCalculator.ComputeWide(a, Params, px))) reverts++;
            else if (Throws(() => FastHealth.Compute(a, Params, px))) fallback++;
            else fast++;
        }
        Assert.True(fast > 200 && fallback > 200 && reverts > 50, $"fast {fast}, fallback {fallback}, reverts {reverts}");
    }

    [Property(MaxTest = 1_000, Arbitrary = [typeof(ScreenPropertyTests)])]
    public bool Fast_RealisticAccounts_NeverFallsBackAndMatches(AccountState account, PositiveInt move)
    {
        var px = TestBooks.Prices(Params, 1 + move.Get % 9_000, 100 + move.Get * 13 % 200_000, 1 + move.Get % 700);
        return FastHealth.Compute(account, Params, px) == HealthCalculator.ComputeWide(account, Params, px);
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (OverflowException)
        {
            return true;
        }
    }

    private static AccountState RandomAccount(Random rng)
    {
        var a = new AccountState(1, (MarginMode)rng.Next(3)) { QuoteBalance = (Int256)Signed(rng, 150) };
        for (var c = 0; c < 2; c++)
            if (rng.Next(3) > 0) a.SetBalance(c, (UInt256)BigInteger.Abs(Signed(rng, 140)));
        for (var m = 1; m <= 3; m++)
        {
            if (rng.Next(4) == 0 || (a.Mode == MarginMode.Isolated && m > 1))
                continue;
            a.SetPosition(m, new PositionState((Int256)Signed(rng, 135), (Int256)Signed(rng, 140)));
        }
        return a;
    }

    /// <summary>Log-uniform magnitude up to 2^maxBits with a random sign (and an odd low part).</summary>
    private static BigInteger Signed(Random rng, int maxBits)
    {
        var bits = rng.Next(1, maxBits);
        var bytes = new byte[bits / 8 + 2];
        rng.NextBytes(bytes);
        bytes[^1] = 0;
        var v = new BigInteger(bytes) & (BigInteger.Pow(2, bits) - 1);
        return rng.Next(2) == 0 ? v : -v;
    }

    private static UInt256 RandomPrice(Random rng) => (UInt256)(BigInteger.Abs(Signed(rng, 110)) + 1);
}
