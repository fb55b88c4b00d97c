using System.Diagnostics;
using System.Threading.Channels;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Keeper.Book;
using CrossMargin.Keeper.Feed;
using CrossMargin.Keeper.Metrics;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Sending;

namespace CrossMargin.Keeper;

/// <summary>
/// The single-threaded heart of the keeper: drains the feed channel (applying every queued log first), then runs one
/// pass — screen → exact check → plan → eth_call at latest → send — on every price tick and every block, polls
/// receipts of in-flight attempts, and checkpoints. Only this loop touches the book and the in-flight set. A failure
/// in one iteration is counted and the loop carries on; a failure while applying logs reloads the book from the chain.
/// </summary>
internal sealed class KeeperLoop(
    KeeperOptions options,
    IJsonRpcClient rpc,
    TransactionSender sender,
    BookLoader loader,
    KeeperBook book,
    AttemptTracker tracker,
    KeeperMetrics metrics,
    CheckpointWriter writer,
    Channel<FeedItem> feed)
{
    private const int RebuildThreshold = 512;
    private static readonly TimeSpan BalanceInterval = TimeSpan.FromSeconds(5);
    private readonly Dictionary<ulong, ulong> _holdUntilApplied = [];
    private readonly Dictionary<ulong, ulong> _holdUntilHead = [];
    private readonly Dictionary<ulong, long> _sentAt = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];
    private readonly Channel<AttemptOutcome> _outcomes = Channel.CreateUnbounded<AttemptOutcome>();
    private readonly List<AttemptOutcome> _history = [];
    private KeeperBook _book = book;
    private ulong _head;
    private FeeEstimate? _fees;
    private ulong _budgetBlock;
    private int _sentThisBlock;
    private long _pendingTick;
    private int _lastPassSent;
    private readonly HashSet<ulong> _noAction = [];
    private bool _reload;
    private string _phase = "idle";
    private long _iterations;
    private DateTimeOffset _lastCheckpoint;
    private DateTimeOffset _lastBalance = DateTimeOffset.MinValue;

    public KeeperBook Book => _book;

    public ulong Head => _head;

    /// <summary>The in-flight attempts (racy read; diagnostics).</summary>
    public IReadOnlyList<Sending.Attempt> InFlight => [.. tracker.All];

    public ChannelReader<AttemptOutcome> Outcomes => _outcomes.Reader;

    /// <summary>(account, tick timestamp, sent timestamp, hash) of every transaction sent, for latency benchmarks.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<SentRecord> Sent { get; } = new();

    public IReadOnlyList<AttemptOutcome> History
    {
        get
        {
            lock (_history)
                return [.. _history];
        }
    }

    public void SetHead(ulong head) => _head = head;

    public async Task RunAsync(CancellationToken ct)
    {
        while (await feed.Reader.WaitToReadAsync(ct))
        {
            var (pass, head, timer) = (false, false, false);
            try
            {
                while (feed.Reader.TryRead(out var item))
                {
                    switch (item)
                    {
                        case LogsReceived logs:
                            pass |= await ApplyAsync(logs, ct);
                            break;
                        case HeadReceived h:
                            OnHead(h.Header);
                            head = pass = true;
                            break;
                        case TimerElapsed:
                            timer = true;
                            break;
                    }
                }
                _phase = "reload";
                if (_reload)
                    await ReloadAsync(ct);
                // A price tick already in the book is acted on before the head's bookkeeping (receipts, seal), saving
                // their round trips: every send is confirmed by eth_call at latest, so acting before the block is sealed
                // is safe, and the pass after the seal picks up what the rest of the block changed.
                _phase = "early pass";
                if (head && _pendingTick != 0 && Budget() > 0)
                    await PassAsync(ct);
                _phase = "track";
                if ((head || timer) && tracker.Count > 0)
                    await TrackAsync(ct);
                // A head can arrive before its logs: seal first (one getLogs) so the pass sees the block's prices.
                _phase = "seal";
                if (head)
                    pass |= await SealAsync(ct);
                _phase = "pass";
                if (pass)
                    await PassAsync(ct);
                _phase = "housekeep";
                if (head || timer)
                    await HousekeepAsync(ct);
                _phase = "idle";
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                metrics.Errors.WithLabels(e.GetType().Name).Inc();
            }
            _iterations++;
            Signal();
        }
    }

    /// <summary>Completes when <paramref name="done"/> holds after a loop iteration (checked on the loop thread).</summary>
    public Task WaitAsync(Func<bool> done, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ct.Register(() => tcs.TrySetCanceled(ct));
        lock (_waiters)
            _waiters.Add((done, tcs));
        feed.Writer.TryWrite(new WaiterAdded(Stopwatch.GetTimestamp()));
        return tcs.Task;
    }

    /// <summary>Nothing in flight, the last pass sent nothing, and every resolved attempt's block is in the book.
    /// (Accounts held until the next block — no accepted action, refused by eth_call — are not pending work.)</summary>
    public bool Idle => tracker.Count == 0 && _lastPassSent == 0 && _holdUntilApplied.Values.All(b => _book.Position.Block >= b);

    /// <summary>Liquidatable accounts for which the exact model found no accepted action in the last pass.</summary>
    public IReadOnlyCollection<ulong> NoAction => _noAction;

    public string Describe() =>
        $"iteration {_iterations} ({_phase}), head {_head}, book at {_book.Position.Block} (complete {_book.Position.Complete}), in flight {tracker.Count}, last pass sent {_lastPassSent}, " +
        $"held until applied {_holdUntilApplied.Count(kv => _book.Position.Block < kv.Value)}, no action {_noAction.Count}, dirty {_book.Dirty.Count}, outcomes {_history.Count}";

    public Checkpoint Snapshot() => CheckpointCodec.Snapshot(_book, options.Engine, sender.ChainId);

    public void PostInflight()
    {
        if (options.CheckpointPath is { } path)
        {
            var rows = tracker.Rows();
            writer.Post(KeeperOptions.InflightPath(path), () => CheckpointCodec.Serialize(rows));
        }
    }

    private async Task<bool> ApplyAsync(LogsReceived logs, CancellationToken ct)
    {
        var pass = false;
        try
        {
            foreach (var log in logs.Logs)
            {
                var effect = _book.Apply(log, options.Engine);
                if (effect == LogEffect.Price && _pendingTick == 0)
                    _pendingTick = logs.ReceivedAt;
                pass |= effect != LogEffect.None;
            }
            if (logs.CompleteThrough is { } through)
                _book.CompleteThrough(through);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A log that could not be applied leaves the book unknown: rebuild it from the chain.
            metrics.Errors.WithLabels("apply:" + e.GetType().Name).Inc();
            _reload = true;
        }
        return pass;
    }

    /// <summary>
    /// On a head: one eth_getLogs up to it closes every block the subscription may not have finished (or a block without
    /// followed logs), so the book is complete through the head. Returns true when that brought logs the subscription had
    /// not delivered yet. (When the logs arrive first, the price pass has already run on them.)
    /// </summary>
    private async Task<bool> SealAsync(CancellationToken ct)
    {
        var from = _book.Position.CompleteBlock + 1;
        if (from > _head)
            return false;
        var logs = await rpc.GetLogsAsync(BookLoader.FollowFilter.WithRange(from, _head), ct);
        var ordered = logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToList();
        return await ApplyAsync(new LogsReceived(ordered, _head, Stopwatch.GetTimestamp()), ct);
    }

    private async Task ReloadAsync(CancellationToken ct)
    {
        var head = await rpc.BlockNumberAsync(ct);
        (_book, _) = await loader.LoadAsync(null, head, ct);
        _head = System.Math.Max(_head, head);
        _reload = false;
    }

    private void OnHead(BlockHeader header)
    {
        if (header.Number <= _head && _fees is not null)
            return;
        _head = System.Math.Max(_head, header.Number);
        if (_head != _budgetBlock)
            (_budgetBlock, _sentThisBlock) = (_head, 0);
        if (header.BaseFeePerGas is { } baseFee)
            _fees = new FeeEstimate(baseFee * 2 + options.PriorityFee, options.PriorityFee);
        var age = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() - (long)header.Timestamp;
        metrics.HeadAgeSeconds.Set(age);
    }

    private async Task PassAsync(CancellationToken ct)
    {
        var risk = _book.Risk;
        var px = risk.Prices();
        var budget = Budget();
        var candidates = budget <= 0 ? new List<Candidate>() : CandidateFinder.Find(_book.Screen, _book.Dirty, id => risk.Accounts.GetValueOrDefault(id), risk.Parameters, px, Excluded, 2 * budget);
        var found = Stopwatch.GetTimestamp();
        metrics.Candidates.Set(candidates.Count);
        if (_pendingTick != 0 && candidates.Count > 0)
            metrics.Stage.WithLabels("tick_to_candidate").Observe(Stopwatch.GetElapsedTime(_pendingTick, found).TotalSeconds);
        var tickAt = _pendingTick != 0 ? _pendingTick : found;
        _pendingTick = 0;
        // Plan, confirm and send as a pipeline, most underwater first: each plan's eth_call is in flight while the next
        // account is planned, so the first transaction leaves after one plan and one round trip, not after the batch.
        var confirming = new Queue<(LiquidationAction Action, Task<byte[]?> Revert)>();
        _lastPassSent = 0;
        var planned = 0;
        foreach (var c in candidates)
        {
            if (planned >= budget)
                break;
            if (ActionPlanner.Plan(c, risk.Parameters, px) is not { } action)
            {
                _noAction.Add(c.Account.Id);
                _holdUntilHead[c.Account.Id] = _head + 1; // no accepted action now: look again next block
                continue;
            }
            _noAction.Remove(c.Account.Id);
            planned++;
            confirming.Enqueue((action, ConfirmAsync(action, ct)));
            while (confirming.Count > 0 && confirming.Peek().Revert.IsCompleted)
                await ExecuteAsync(confirming.Dequeue(), tickAt, found, ct);
        }
        while (confirming.Count > 0)
            await ExecuteAsync(confirming.Dequeue(), tickAt, found, ct);
        metrics.InFlight.Set(tracker.Count);
        if (_lastPassSent > 0)
            PostInflight();
        if (_book.Dirty.Count > RebuildThreshold)
            _book.RebuildScreen();
    }

    /// <summary>Sends this pass may make: what is left of the block's bound and of the in-flight bound.</summary>
    private int Budget() => System.Math.Min(options.MaxAttemptsPerBlock - _sentThisBlock, options.MaxInFlight - tracker.Count);

    private async Task ExecuteAsync((LiquidationAction Action, Task<byte[]?> Revert) confirmed, long tickAt, long found, CancellationToken ct)
    {
        var action = confirmed.Action;
        if (await confirmed.Revert is { } revert)
        {
            var (kind, name, error) = RevertClassifier.Classify(revert);
            _holdUntilHead[action.AccountId] = _head + 1;
            Record(new AttemptOutcome(kind, action, null, null, 0, UInt256.Zero, name, error, 0, true));
            return;
        }
        if (options.DryRun)
        {
            _holdUntilHead[action.AccountId] = _head + 1;
            Record(new AttemptOutcome(OutcomeKind.Skipped, action, null, null, 0, UInt256.Zero, null, null, 0, true));
            return;
        }
        var fees = _fees ??= await sender.Fees.EstimateAsync(ct);
        var (attempt, failure) = await tracker.SubmitAsync(action, fees, tickAt, ct);
        if (failure is not null)
        {
            _holdUntilHead[action.AccountId] = _head + 1;
            Record(failure);
            return;
        }
        _sentThisBlock++;
        _lastPassSent++;
        metrics.Stage.WithLabels("candidate_to_sent").Observe(Stopwatch.GetElapsedTime(found, attempt!.SentAt).TotalSeconds);
        _sentAt[action.AccountId] = attempt.SentAt;
        Sent.Enqueue(new SentRecord(action.AccountId, action.Kind, attempt.Pending.Hash, tickAt, attempt.SentAt));
    }

    private async Task TrackAsync(CancellationToken ct)
    {
        var outcomes = await tracker.PollAsync(ConfirmAsync, kind => metrics.Replacements.WithLabels(kind).Inc(), ct);
        foreach (var o in outcomes)
        {
            if (o.Block is { } block)
                _holdUntilApplied[o.AccountId] = block;
            Record(o);
        }
        metrics.InFlight.Set(tracker.Count);
        PostInflight();
    }

    private async Task HousekeepAsync(CancellationToken ct)
    {
        var now = options.TimeProvider.GetUtcNow();
        metrics.BookAccounts.Set(_book.Risk.Accounts.Count);
        metrics.LagBlocks.Set(_head > _book.Position.CompleteBlock ? _head - _book.Position.CompleteBlock : 0);
        foreach (var id in _holdUntilHead.Where(kv => _head >= kv.Value).Select(kv => kv.Key).ToList())
            _holdUntilHead.Remove(id);
        foreach (var id in _holdUntilApplied.Where(kv => _book.Position.Block >= kv.Value).Select(kv => kv.Key).ToList())
            _holdUntilApplied.Remove(id);
        if (options.CheckpointPath is { } path && now - _lastCheckpoint >= options.CheckpointInterval)
        {
            _lastCheckpoint = now;
            var snapshot = Snapshot();
            writer.Post(path, () => CheckpointCodec.Serialize(snapshot));
        }
        if (now - _lastBalance >= BalanceInterval)
        {
            _lastBalance = now;
            var balance = await rpc.GetBalanceAsync(sender.Address, BlockParameter.Latest, ct);
            metrics.SignerBalanceEth.Set((double)(System.Numerics.BigInteger)balance / 1e18);
        }
    }

    private async Task<byte[]?> ConfirmAsync(LiquidationAction action, CancellationToken ct)
    {
        try
        {
            await rpc.CallAsync(Call(action), BlockParameter.Latest, ct);
            return null;
        }
        catch (JsonRpcRevertException e)
        {
            return e.RevertData;
        }
    }

    private CallRequest Call(LiquidationAction a) =>
        new() { From = sender.Address, To = options.Engine, Data = a.CallData, Gas = tracker.GasLimit(a.Kind) };

    private bool Excluded(ulong id) =>
        tracker.Contains(id)
        || (_holdUntilApplied.TryGetValue(id, out var applied) && _book.Position.Block < applied)
        || (_holdUntilHead.TryGetValue(id, out var head) && _head < head);

    private void Record(AttemptOutcome o)
    {
        metrics.Outcomes.WithLabels(o.Kind.ToString()).Inc();
        switch (o.Kind)
        {
            case OutcomeKind.Liquidated:
                metrics.Liquidations.WithLabels(o.Action.Kind.ToString()).Inc();
                break;
            case OutcomeKind.LostRace:
                metrics.LostRaces.WithLabels(o.BeforeSend ? "eth_call" : "mined").Inc();
                break;
            case OutcomeKind.Reverted:
                metrics.Reverts.WithLabels(o.ErrorName ?? "unknown").Inc();
                break;
        }
        if (o.Block is not null)
        {
            metrics.GasUsed.Inc(o.GasUsed);
            metrics.GasSpentEth.Inc((double)(System.Numerics.BigInteger)o.GasCostWei / 1e18);
            if (_sentAt.Remove(o.AccountId, out var sentAt))
                metrics.Stage.WithLabels("sent_to_mined").Observe(Stopwatch.GetElapsedTime(sentAt).TotalSeconds);
        }
        lock (_history)
            _history.Add(o);
        _outcomes.Writer.TryWrite(o);
    }

    private void Signal()
    {
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Signal.Task.IsCompleted || _waiters[i].Done())
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
