using System.Numerics;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Cli.Demo;

/// <summary>Human amounts (doubles from the simulation) to on-chain integers, and back for display.</summary>
internal static class DemoMath
{
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    public static readonly UInt256 MaxUint = (UInt256)(BigInteger.Pow(2, 256) - 1);

    /// <summary>Token units: micro-precision is plenty for simulated amounts.</summary>
    public static UInt256 Units(double amount, int decimals) =>
        (UInt256)(new BigInteger(Math.Round(amount * 1e6)) * BigInteger.Pow(10, decimals) / 1_000_000);

    /// <summary>Signed WAD base units of a position.</summary>
    public static Int256 Size(double units) => (Int256)(new BigInteger(Math.Round(units * 1e6)) * BigInteger.Pow(10, 12));

    /// <summary>Chainlink answer with 8 decimals.</summary>
    public static Int256 Answer(double usd) => (Int256)new BigInteger(Math.Round(usd * 1e8));

    public static double Usd(BigInteger wad) => (double)wad / 1e18;

    public static double Usdc(BigInteger units) => (double)units / 1e6;
}
