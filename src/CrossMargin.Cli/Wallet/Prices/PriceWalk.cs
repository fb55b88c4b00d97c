using System.Numerics;

namespace CrossMargin.Cli.Wallet.Prices;

/// <summary>
/// A seeded geometric random walk on raw feed answers: each step multiplies by exp(vol·z), z standard normal
/// (Box–Muller). A simulation, so the factor is a double; it is applied to the integer answer in parts per billion
/// and the answer never drops below 1 unit (the engine rejects non-positive prices).
/// </summary>
internal sealed class PriceWalk(double volatility, int seed)
{
    private const long Ppb = 1_000_000_000;
    private readonly Random _random = new(seed);

    public BigInteger Next(BigInteger answer)
    {
        var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        var factor = (long)Math.Round(Math.Exp(volatility * z) * Ppb);
        return BigInteger.Max(BigInteger.One, answer * factor / Ppb);
    }
}
