using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Cli.Demo;

/// <summary>What the dashboard shows, written by the demo's tasks and read by the renderer (one lock).</summary>
internal sealed class DemoState
{
    private readonly object _gate = new();
    private readonly List<LiquidationRecord> _liquidations = [];
    private readonly Dictionary<OutcomeKind, int> _outcomes = [];

    public string Phase { get; private set; } = "starting";
    public double[] Prices { get; private set; } = [0, 0, 0];
    public HealthSurvey? Survey { get; private set; }
    public double BadDebtUsdc { get; private set; }
    public double SocializedUsdc { get; private set; }
    public int Trades { get; private set; }
    public double InsuranceAtStart { get; set; }

    public void SetPhase(string phase)
    {
        lock (_gate)
            Phase = phase;
    }

    public void SetPrices(double[] prices)
    {
        lock (_gate)
            Prices = (double[])prices.Clone();
    }

    public void SetSurvey(HealthSurvey survey)
    {
        lock (_gate)
            Survey = survey;
    }

    public void AddTrades(int n)
    {
        lock (_gate)
            Trades += n;
    }

    public void Add(LiquidationRecord record)
    {
        lock (_gate)
            _liquidations.Add(record);
    }

    public void AddBadDebt(double amount, double socialized)
    {
        lock (_gate)
        {
            BadDebtUsdc += amount;
            SocializedUsdc += socialized;
        }
    }

    public void Add(AttemptOutcome outcome)
    {
        lock (_gate)
            _outcomes[outcome.Kind] = _outcomes.GetValueOrDefault(outcome.Kind) + 1;
    }

    public IReadOnlyList<LiquidationRecord> Liquidations
    {
        get
        {
            lock (_gate)
                return [.. _liquidations];
        }
    }

    public IReadOnlyDictionary<OutcomeKind, int> Outcomes
    {
        get
        {
            lock (_gate)
                return new Dictionary<OutcomeKind, int>(_outcomes);
        }
    }
}
