using System.Diagnostics;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using CrossMargin.Cli.Commands;
using CrossMargin.Cli.Stack;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using Spectre.Console;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Demo;

/// <summary>
/// The demo on a running <see cref="DevStack"/>: wallets and accounts, a random walk, the crash, then waiting until
/// the keeper has left no account liquidatable; the dashboard (live or plain lines) runs alongside; then the summary,
/// checked against the indexer's API.
/// </summary>
internal sealed class DemoRunner(DevStack stack, DemoOptions options, TextWriter output)
{
    private static readonly TimeSpan SurveyInterval = TimeSpan.FromMilliseconds(500);
    private readonly DemoState _state = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IAnsiConsole _console = CliConsole.Create(output);
    private volatile bool _liveStarted;

    public async Task<DemoSummary> RunAsync(CancellationToken ct)
    {
        var rng = new Random(options.Seed);
        var sender = new TxPipeline(stack.Rpc, stack.ChainId);
        var feeders = Enumerable.Range(0, 3).Select(i => new DemoWallet(DemoWallet.DeriveKey(options.Seed, "feeder", i), MarginMode.Cross)).ToList();
        await stack.Rpc.SendBatchAsync(feeders.Select(f => AnvilRequests.SetBalance(f.Address, (UInt256)(DemoMath.Wad * 1_000))), ct);
        await sender.ResyncAsync(feeders, ct);
        var feeder = new PriceFeeder(stack, sender, feeders, rng);
        if (stack.Keeper is { } keeper)
        {
            // Collateral liquidations repay quote debt from the keeper's USDC: `up` gives it 1M, which 5,000 wallets' crash
            // drains (every later collateral liquidation reverted). MockERC20.mint is open on the devnet.
            var mint = MockERC20Contract.MintFunction.Encode(keeper.Signer, DemoMath.Units(options.Wallets * 5_000.0, 6));
            await sender.SendAllAsync([new TxRequest(feeders[0], stack.Deployment.Usdc, mint, 100_000, "mint keeper USDC")], ct);
        }
        await feeder.ResetAsync(ct);
        _state.SetPrices(feeder.Prices);
        var startBlock = await stack.Rpc.BlockNumberAsync(ct) + 1;

        Say($"creating {options.Wallets} wallets: ether, USDC/WETH/WBTC, accounts in all three modes, deposits, leveraged trades");
        var setup = new MarketSetup(stack, sender, rng);
        var wallets = await new SetupProgress(_console, output, options.Live).RunAsync(sender, () => sender.InBlocksAsync(() => setup.CreateAsync(options.Wallets, options.Seed, ct), ct));
        ReportFailures(sender);
        _state.AddTrades(wallets.Sum(w => w.Markets.Count));
        var first = await HealthSurvey.TakeAsync(stack, wallets, ct);
        _state.SetSurvey(first);
        _state.InsuranceAtStart = first.InsuranceFundUsdc;

        using var background = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = new List<Task>
        {
            new LiquidationWatcher(stack, feeder, _state, startBlock).RunAsync(background.Token),
            ReadOutcomesAsync(background.Token),
            SurveyAsync(wallets, background.Token),
            options.Live ? LiveAsync(background.Token) : PlainAsync(background.Token),
        };
        try
        {
            await PhasesAsync(feeder, setup, sender, wallets, rng, ct);
        }
        finally
        {
            await background.CancelAsync();
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
        ReportFailures(sender);
        return await SummarizeAsync(wallets, feeder, ct);
    }

    private int _failuresReported;

    /// <summary>Transactions the node refused (after the pipeline's recovery), with the JSON-RPC error of each (the first few).</summary>
    private void ReportFailures(TxPipeline sender)
    {
        var failures = sender.Failures;
        if (failures.Count == _failuresReported)
            return;
        Say($"{failures.Count - _failuresReported} transactions refused by the node:");
        foreach (var f in failures.Skip(_failuresReported).Take(5))
            Say($"  {f.Describe()}");
        _failuresReported = failures.Count;
    }

    private async Task PhasesAsync(PriceFeeder feeder, MarketSetup setup, TxPipeline sender, List<DemoWallet> wallets, Random rng, CancellationToken ct)
    {
        _state.SetPhase("random walk");
        Say($"random walk for {options.Walk.TotalSeconds:N0} s");
        var walkEnd = _clock.Elapsed + options.Walk;
        while (_clock.Elapsed < walkEnd)
        {
            await feeder.WalkAsync(ct);
            _state.SetPrices(feeder.Prices);
            // Automine opens a block per trade, and a block costs Anvil ~100 ms once 5,000 wallets are in the state:
            // capped so a walk step stays about a second at any size.
            var trades = Enumerable.Range(0, Math.Clamp(wallets.Count / 50, 1, 10)).Select(_ => setup.RandomTrade(wallets)).ToList();
            await sender.SendAllAsync(trades, ct);
            _state.AddTrades(trades.Count);
            await Task.Delay(options.Tick, ct); // pacing of the simulated market
        }

        _state.SetPhase("crash: ETH −30%, BTC −20%, SOL −25%");
        Say("crash: ETH −30%, BTC follows −20%, SOL −25%");
        for (var step = 0; step < options.CrashSteps; step++)
        {
            await feeder.CrashStepAsync(step, options.CrashSteps, ct);
            _state.SetPrices(feeder.Prices);
            await Task.Delay(options.Crash / options.CrashSteps, ct); // pacing of the crash
        }

        _state.SetPhase("settling: keeper clears liquidatable accounts");
        Say("waiting for the keeper to leave no account liquidatable");
        var settleEnd = _clock.Elapsed + options.Settle;
        while (_clock.Elapsed < settleEnd)
        {
            var survey = await HealthSurvey.TakeAsync(stack, wallets, ct);
            _state.SetSurvey(survey);
            if (survey.Band(HealthBand.Liquidatable) == 0)
                return;
            // Automine makes no block while nobody sends, but the keeper acts on heads: a real chain's next block
            // (also one that takes anything left ready in the pool) lets it retry an account whose attempt went stale.
            await stack.Rpc.MineAsync(ct);
            await Task.Delay(SurveyInterval, ct); // condition poll, bounded by --settle
        }
        Say($"settle time ({options.Settle.TotalSeconds:N0} s) is over with accounts still liquidatable");
    }

    private async Task<DemoSummary> SummarizeAsync(List<DemoWallet> wallets, PriceFeeder feeder, CancellationToken ct)
    {
        var survey = await HealthSurvey.TakeAsync(stack, wallets, ct);
        var (api, insurance, indexed) = await ApiStatsAsync(ct);
        var chain = await ChainTotalsAsync(indexed, ct);
        var chainInsurance = E.InsuranceFundFunction.DecodeResult(await stack.Rpc.CallAsync(new CallRequest { To = stack.Deployment.Engine, Data = E.InsuranceFundFunction.Encode() }, BlockParameter.At(indexed), ct));
        var liquidations = _state.Liquidations;
        return new DemoSummary
        {
            Wallets = wallets.Count,
            Trades = _state.Trades,
            StartPrices = MarketSetup.StartPrices,
            EndPrices = (double[])feeder.Prices.Clone(),
            KeeperLiquidations = liquidations.Count(l => l.ByKeeper && l.Kind == "position"),
            KeeperCollateralLiquidations = liquidations.Count(l => l.ByKeeper && l.Kind == "collateral"),
            BadDebtSettlements = liquidations.Count(l => l.Kind == "bad debt"),
            OtherLiquidations = liquidations.Count(l => !l.ByKeeper && l.Kind != "bad debt"),
            LatenciesMs = [.. liquidations.Where(l => l.ByKeeper && l.LatencyMs is not null).Select(l => l.LatencyMs!.Value)],
            KeeperOutcomes = string.Join(", ", _state.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")),
            InsuranceStartUsdc = _state.InsuranceAtStart,
            InsuranceEndUsdc = survey.InsuranceFundUsdc,
            BadDebtUsdc = _state.BadDebtUsdc,
            SocializedUsdc = _state.SocializedUsdc,
            StillLiquidatable = survey.Band(HealthBand.Liquidatable),
            Survey = survey,
            ChainTotals = chain,
            ApiTotals = api,
            ApiInsuranceMatches = insurance == ((BigInteger)chainInsurance).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>/stats once the indexer has caught up with the head (bounded wait).</summary>
    private async Task<((long, long, long) Totals, string? Insurance, ulong Indexed)> ApiStatsAsync(CancellationToken ct)
    {
        var head = await stack.Rpc.BlockNumberAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = stack.ApiUrl };
        while (true)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("stats", UriKind.Relative), timeout.Token));
            var s = doc.RootElement;
            var indexed = s.GetProperty("indexedBlock").GetInt64();
            if (indexed >= (long)head)
            {
                var insurance = s.TryGetProperty("insuranceFund", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                return ((s.GetProperty("liquidations").GetInt64(), s.GetProperty("collateralLiquidations").GetInt64(), s.GetProperty("badDebts").GetInt64()), insurance, (ulong)indexed);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token); // condition poll on the indexer's progress
        }
    }

    private async Task<(long, long, long)> ChainTotalsAsync(ulong toBlock, CancellationToken ct)
    {
        async Task<long> Count(string topic) => (await stack.Rpc.GetLogsAsync(new LogFilter
        {
            Addresses = [stack.Deployment.Engine],
            Topics = [[Hash32.Parse(topic)]],
            FromBlock = 0UL,
            ToBlock = toBlock,
        }, ct)).Count;
        return (await Count(E.LiquidatedEvent.Topic0Hex), await Count(E.CollateralLiquidatedEvent.Topic0Hex), await Count(E.BadDebtSettledEvent.Topic0Hex));
    }

    private async Task ReadOutcomesAsync(CancellationToken ct)
    {
        if (stack.Keeper is not { } keeper)
            return;
        await foreach (var outcome in keeper.Outcomes.ReadAllAsync(ct))
            _state.Add(outcome);
    }

    private async Task SurveyAsync(List<DemoWallet> wallets, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            _state.SetSurvey(await HealthSurvey.TakeAsync(stack, wallets, ct));
            await Task.Delay(SurveyInterval, ct); // dashboard refresh rate
        }
    }

    private Task LiveAsync(CancellationToken ct)
    {
        _liveStarted = true;
        return _console.Live(Dashboard.Render(_state, _clock.Elapsed)).AutoClear(false).StartAsync(async ctx =>
        {
            while (!ct.IsCancellationRequested)
            {
                ctx.UpdateTarget(Dashboard.Render(_state, _clock.Elapsed));
                await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None); // screen refresh rate
            }
            ctx.UpdateTarget(Dashboard.Render(_state, _clock.Elapsed));
        });
    }

    private async Task PlainAsync(CancellationToken ct)
    {
        var printed = 0;
        var lastStatus = TimeSpan.Zero;
        while (true)
        {
            var liquidations = _state.Liquidations;
            foreach (var l in liquidations.Skip(printed))
                output.WriteLine($"  {l.Describe()}");
            printed = liquidations.Count;
            if (_clock.Elapsed - lastStatus >= TimeSpan.FromSeconds(2) || ct.IsCancellationRequested)
            {
                output.WriteLine(Dashboard.Line(_state, _clock.Elapsed));
                lastStatus = _clock.Elapsed;
            }
            if (ct.IsCancellationRequested)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None); // output cadence
        }
    }

    /// <summary>Progress lines; the live dashboard shows the phase itself (writing around it would tear the display).</summary>
    private void Say(string line)
    {
        if (!options.Live)
            output.WriteLine($"==> {line}");
        else if (!_liveStarted)
            _console.MarkupLine($"[bold]==>[/] {Markup.Escape(line)}");
    }
}
