using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Demo;

/// <summary>The book-keeping of one <see cref="TxPipeline.SendAllAsync"/>: each wallet's queue in request order, what
/// is in flight (hash → request), receipts, counts.</summary>
internal sealed class PipelineRun
{
    private readonly List<(DemoWallet Wallet, Queue<int> Queue)> _wallets = [];
    private readonly Dictionary<DemoWallet, Queue<int>> _queues = [];
    private readonly Dictionary<DemoWallet, int> _inFlightPerWallet = [];
    private int _mined;
    private int _reverted;
    private int _failed;

    public PipelineRun(IReadOnlyList<TxRequest> requests)
    {
        Requests = requests;
        Receipts = new TransactionReceipt?[requests.Count];
        Resends = new int[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            if (!_queues.TryGetValue(requests[i].Wallet, out var queue))
            {
                _queues[requests[i].Wallet] = queue = new Queue<int>();
                _wallets.Add((requests[i].Wallet, queue));
            }
            queue.Enqueue(i);
        }
    }

    public IReadOnlyList<TxRequest> Requests { get; }
    public TransactionReceipt?[] Receipts { get; }
    public int[] Resends { get; }
    public Dictionary<Hash32, int> InFlight { get; } = [];
    public ulong InFlightGas { get; private set; }
    public int Blocks { get; set; }
    public SendProgress? Reported { get; set; }

    public bool Finished => _mined + _failed == Requests.Count;

    /// <summary>The head of each wallet's queue that has fewer than <paramref name="perWallet"/> in flight, within
    /// <paramref name="gas"/> of gas limits and <paramref name="slots"/> transactions.</summary>
    public List<int> NextRound(int perWallet, ulong gas, int slots)
    {
        var picked = new List<int>();
        foreach (var (wallet, queue) in _wallets)
        {
            if (picked.Count >= slots)
                break;
            if (queue.Count == 0 || _inFlightPerWallet.GetValueOrDefault(wallet) >= perWallet)
                continue;
            var head = queue.Peek();
            if (Requests[head].Gas > gas)
                continue;
            gas -= Requests[head].Gas;
            picked.Add(head);
        }
        return picked;
    }

    public void Accept(int index, Hash32 hash)
    {
        var wallet = Dequeue(index);
        InFlight[hash] = index;
        InFlightGas += Requests[index].Gas;
        _inFlightPerWallet[wallet] = _inFlightPerWallet.GetValueOrDefault(wallet) + 1;
    }

    public void Fail(int index)
    {
        Dequeue(index);
        _failed++;
    }

    public void Mined(Hash32 hash, TransactionReceipt receipt)
    {
        var index = InFlight[hash];
        InFlight.Remove(hash);
        InFlightGas -= Requests[index].Gas;
        _inFlightPerWallet[Requests[index].Wallet]--;
        Receipts[index] = receipt;
        _mined++;
        if (!receipt.Succeeded)
            _reverted++;
    }

    public SendProgress Snapshot() => new(Requests.Count, _mined, InFlight.Count, _reverted, _failed, Blocks);

    private DemoWallet Dequeue(int index)
    {
        var wallet = Requests[index].Wallet;
        if (_queues[wallet].Dequeue() != index)
            throw new InvalidOperationException("a wallet's transactions must leave its queue in order");
        return wallet;
    }
}
