using System.Diagnostics;
using System.Threading.Channels;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Keeper.Book;
using CrossMargin.Keeper.Feed;
using CrossMargin.Keeper.Loop;
using CrossMargin.Keeper.Metrics;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Sending;

namespace CrossMargin.Keeper;

/// <summary>
/// The single-threaded heart of the keeper: drains the feed channel (applying every queued log first), then runs one
/// pass — screen → exact check → plan → eth_call at latest → send — on every price tick and every block, polls
/// receipts of in-flight attempts, and checkpoints. Only this loop touches the book and the in-flight set. A failure
/// in one iteration is counted and the loop carries on; a failure while applying logs reloads the book from the chain.
/// What it keeps beside the book is bounded (<see cref="HoldList"/>, <see cref="SendBudget"/>, the outcome and send windows).
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
    private readonly HoldList _holds = new();
    private readonly SendBudget _budget = new(options.MaxAttemptsPerBlock, options.MaxInFlight);
    private readonly Dictionary<ulong, long> _sentAt = [];
    private readonly LoopWaiters _waiters = new();
    private readonly OutcomeLog _outcomes = new(options.OutcomeWindow);
    private readonly RecentWindow<SentRecord> _sent = new(options.OutcomeWindow);
    private readonly BookFollower _follower = new(rpc, loader, metrics, options.Engine, book);
    private ulong _head;
    private FeeEstimate? _fees;
    private int _lastPassSent;
    private int _lastPassNoAction;
    private string _phase = "idle";
    private long _iterations;
    private DateTimeOffset _lastCheckpoint;
    private DateTimeOffset _lastBalance = DateTimeOffset.MinValue;

    public KeeperBook Book => _follower.Book;

    public ulong Head => _head;

    public void SetHead(ulong head) => _head = head;

    /// <summary>The in-flight attempts (racy read; diagnostics).</summary>
    public IReadOnlyList<Sending.Attempt> InFlight => [.. tracker.All];

    public ChannelReader<AttemptOutcome> Outcomes => _outcomes.Stream;

    /// <summary>The most recent transactions sent (tick and sent timestamps, hash), for latency benchmarks.</summary>
    public IReadOnlyList<SentRecord> Sent => _sent.Items;

    public long SentCount => _sent.Total; // since start

    /// <summary>The most recent outcomes (a copy; the window is <see cref="KeeperOptions.OutcomeWindow"/>).</summary>
    public IReadOnlyList<AttemptOutcome> History => _outcomes.Recent;

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
                            pass |= _follower.Apply(logs, ct);
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
                if (_follower.NeedsReload)
                    _head = System.Math.Max(_head, await _follower.ReloadAsync(ct));
                // A price tick already in the book is acted on before the head's bookkeeping (receipts, seal), saving
                // their round trips: every send is confirmed by eth_call at latest, so acting before the block is sealed
                // is safe, and the pass after the seal picks up what the rest of the block changed.
                _phase = "early pass";
                if (head && _follower.PendingTick != 0 && Budget() > 0)
                    await PassAsync(ct);
                _phase = "track";
                if ((head || timer) && tracker.Count > 0)
                    await TrackAsync(ct);
                // A head can arrive before its logs: seal first (one getLogs) so the pass sees the block's prices.
                _phase = "seal";
                if (head)
                    pass |= await _follower.SealAsync(_head, ct);
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
            _waiters.Signal();
        }
    }

    /// <summary>Completes when <paramref name="done"/> holds after a loop iteration (checked on the loop thread).</summary>
    public Task WaitAsync(Func<bool> done, CancellationToken ct)
    {
        var task = _waiters.Add(done, ct);
        feed.Writer.TryWrite(new WaiterAdded(Stopwatch.GetTimestamp()));
        return task;
    }

    /// <summary>Nothing in flight, the last pass sent nothing, and every resolved attempt's block is in the book.
    /// (Accounts held until the next block — no accepted action, refused by eth_call — are not pending work.)</summary>
    public bool Idle => tracker.Count == 0 && _lastPassSent == 0 && !_holds.AwaitsBook(Book.Position.Block);

    public string Describe() =>
        $"iteration {_iterations} ({_phase}), head {_head}, book at {Book.Position.Block} (complete {Book.Position.Complete}), in flight {tracker.Count}, last pass sent {_lastPassSent}, " +
        $"held {_holds.Count}, no action {_lastPassNoAction}, dirty {Book.Dirty.Count}, outcomes {_outcomes.Total}, sent {_sent.Total}";

    public Checkpoint Snapshot() => CheckpointCodec.Snapshot(Book, options.Engine, sender.ChainId);

    public void PostInflight()
    {
        if (options.CheckpointPath is { } path)
        {
            var rows = tracker.Rows();
            writer.Post(KeeperOptions.InflightPath(path), () => CheckpointCodec.Serialize(rows));
        }
    }

    private void OnHead(BlockHeader header)
    {
        if (header.Number <= _head && _fees is not null)
            return;
        _head = System.Math.Max(_head, header.Number);
        _budget.OnHead(_head);
        if (header.BaseFeePerGas is { } baseFee)
            _fees = new FeeEstimate(baseFee * 2 + options.PriorityFee, options.PriorityFee);
        var age = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() - (long)header.Timestamp;
        metrics.HeadAgeSeconds.Set(age);
    }

    private async Task PassAsync(CancellationToken ct)
    {
        var risk = Book.Risk;
        var px = risk.Prices();
        var budget = Budget();
        var candidates = budget <= 0 ? new List<Candidate>() : CandidateFinder.Find(Book.Screen, Book.Dirty, id => risk.Accounts.GetValueOrDefault(id), risk.Parameters, px, Excluded, 2 * budget);
        var found = Stopwatch.GetTimestamp();
        metrics.Candidates.Set(candidates.Count);
        var tick = _follower.TakeTick();
        if (tick != 0 && candidates.Count > 0)
            metrics.Stage.WithLabels("tick_to_candidate").Observe(Stopwatch.GetElapsedTime(tick, found).TotalSeconds);
        var tickAt = tick != 0 ? tick : found;
        // Plan, confirm and send as a pipeline, most underwater first: each plan's eth_call is in flight while the next
        // account is planned, so the first transaction leaves after one plan and one round trip, not after the batch.
        var confirming = new Queue<(LiquidationAction Action, Task<byte[]?> Revert)>();
        _lastPassSent = 0;
        _lastPassNoAction = 0;
        var planned = 0;
        foreach (var c in candidates)
        {
            if (planned >= budget)
                break;
            if (ActionPlanner.Plan(c, risk.Parameters, px) is not { } action)
            {
                _lastPassNoAction++;
                _holds.UntilHead(c.Account.Id, _head + 1); // no accepted action now: look again next block
                continue;
            }
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
        if (Book.Dirty.Count > RebuildThreshold)
            Book.RebuildScreen();
    }

    /// <summary>Sends this pass may make: what is left of the block's bound and of the in-flight bound.</summary>
    private int Budget() => _budget.Remaining(tracker.Count);

    private async Task ExecuteAsync((LiquidationAction Action, Task<byte[]?> Revert) confirmed, long tickAt, long found, CancellationToken ct)
    {
        var action = confirmed.Action;
        if (await confirmed.Revert is { } revert)
        {
            var (kind, name, error) = RevertClassifier.Classify(revert);
            _holds.UntilHead(action.AccountId, _head + 1);
            Record(new AttemptOutcome(kind, action, null, null, 0, UInt256.Zero, name, error, 0, true));
            return;
        }
        if (options.DryRun)
        {
            _holds.UntilHead(action.AccountId, _head + 1);
            Record(new AttemptOutcome(OutcomeKind.Skipped, action, null, null, 0, UInt256.Zero, null, null, 0, true));
            return;
        }
        var fees = _fees ??= await sender.Fees.EstimateAsync(ct);
        var (attempt, failure) = await tracker.SubmitAsync(action, fees, tickAt, ct);
        if (failure is not null)
        {
            _holds.UntilHead(action.AccountId, _head + 1);
            Record(failure);
            return;
        }
        _budget.Spend();
        _lastPassSent++;
        metrics.Stage.WithLabels("candidate_to_sent").Observe(Stopwatch.GetElapsedTime(found, attempt!.SentAt).TotalSeconds);
        _sentAt[action.AccountId] = attempt.SentAt;
        _sent.Add(new SentRecord(action.AccountId, action.Kind, attempt.Pending.Hash, tickAt, attempt.SentAt));
    }

    private async Task TrackAsync(CancellationToken ct)
    {
        var outcomes = await tracker.PollAsync(ConfirmAsync, kind => metrics.Replacements.WithLabels(kind).Inc(), ct);
        foreach (var o in outcomes)
        {
            if (o.Block is { } block)
                _holds.UntilApplied(o.AccountId, block);
            Record(o);
        }
        metrics.InFlight.Set(tracker.Count);
        PostInflight();
    }

    private async Task HousekeepAsync(CancellationToken ct)
    {
        var now = options.TimeProvider.GetUtcNow();
        metrics.BookAccounts.Set(Book.Risk.Accounts.Count);
        metrics.LagBlocks.Set(_head > Book.Position.CompleteBlock ? _head - Book.Position.CompleteBlock : 0);
        _holds.Release(Book.Position.Block, _head);
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

    private bool Excluded(ulong id) => tracker.Contains(id) || _holds.Holds(id, Book.Position.Block, _head);

    private void Record(AttemptOutcome o)
    {
        // Every resolution of a sent attempt (mined, dropped, cancelled) ends its entry, so the map holds only what is in flight.
        long sentAt = 0;
        var wasSent = !o.BeforeSend && _sentAt.Remove(o.AccountId, out sentAt);
        metrics.Record(o, wasSent && o.Block is not null ? Stopwatch.GetElapsedTime(sentAt) : null);
        _outcomes.Add(o);
    }
}
