namespace CrossMargin.Cli.Compare;

/// <summary>
/// Seeded random price paths for the five markets: per step, correlated log-normal moves (the devnet's ρ, Cholesky
/// factor) with per-market volatilities, plus jumps: with probability <see cref="CommonJumpProbability"/> all
/// markets jump together, and each market on its own with <see cref="OwnJumpProbability"/> (hedges break on these).
/// Same seed ⇒ same paths (System.Random with a seed is deterministic).
/// </summary>
internal static class PricePaths
{
    /// <summary>Per-step volatility (standard deviation of the log return) by market id.</summary>
    public static readonly double[] StepVolatility = [0, 0.03, 0.025, 0.045, 0.045, 0.05];

    public const double CommonJumpProbability = 0.04;
    public const double OwnJumpProbability = 0.02;

    /// <summary>Jump sizes: log return uniform in ±[<see cref="JumpMin"/>, <see cref="JumpMax"/>].</summary>
    public const double JumpMin = 0.08, JumpMax = 0.20;

    /// <summary>prices[path][step][market id] in USD; step 0 is the first move away from the opening prices.</summary>
    public static decimal[][][] Generate(int paths, int steps, int seed)
    {
        const int n = CompareMarkets.Avax;
        var chol = Cholesky(n);
        var random = new Random(seed);
        var result = new decimal[paths][][];
        for (var p = 0; p < paths; p++)
        {
            var log = new double[n + 1];
            result[p] = new decimal[steps][];
            for (var s = 0; s < steps; s++)
            {
                var z = new double[n + 1];
                for (var i = 1; i <= n; i++)
                    z[i] = Normal(random);
                var common = random.NextDouble() < CommonJumpProbability ? Jump(random) : 0;
                var prices = new decimal[n + 1];
                for (var i = 1; i <= n; i++)
                {
                    var correlated = 0.0;
                    for (var k = 1; k <= i; k++)
                        correlated += chol[i, k] * z[k];
                    var own = random.NextDouble() < OwnJumpProbability ? Jump(random) : 0;
                    log[i] += StepVolatility[i] * correlated + common + own;
                    // 8 decimals: what the feeds hold.
                    prices[i] = decimal.Round(CompareMarkets.OpeningPrice[i] * (decimal)Math.Exp(log[i]), 8);
                }
                result[p][s] = prices;
            }
        }
        return result;
    }

    private static double Jump(Random random)
    {
        var size = JumpMin + (JumpMax - JumpMin) * random.NextDouble();
        return random.NextDouble() < 0.5 ? -size : size;
    }

    /// <summary>Box–Muller standard normal.</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Lower-triangular L with L·Lᵀ = ρ (1-based); throws if ρ is not positive definite.</summary>
    private static double[,] Cholesky(int n)
    {
        var l = new double[n + 1, n + 1];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= i; j++)
            {
                var sum = (double)CompareMarkets.Rho(i, j);
                for (var k = 1; k < j; k++)
                    sum -= l[i, k] * l[j, k];
                if (i == j)
                    l[i, i] = sum > 0 ? Math.Sqrt(sum) : throw new InvalidOperationException("correlation matrix is not positive definite");
                else
                    l[i, j] = sum / l[j, j];
            }
        }
        return l;
    }
}
