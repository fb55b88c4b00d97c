using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Events;

/// <summary>
/// Undo log of a <see cref="RiskBook"/> per block, for reorgs: the state each applied log overwrote (first write per
/// block wins: the state before the block), plus the hash of every recent block the book has seen. Rolling back to a
/// block restores exactly the book as it was after that block, so re-applying the new chain's logs from there gives the
/// book a from-scratch load of the new chain would give. Keeps the last <see cref="Depth"/> blocks; a reorg deeper than
/// that cannot be undone and needs a reload (<see cref="ChainLoader"/>).
/// </summary>
public sealed class RiskJournal(int depth = 256)
{
    private readonly LinkedList<BlockUndo> _blocks = [];

    public int Depth => depth;

    /// <summary>The newest block recorded (null when none).</summary>
    public ulong? Tip => _blocks.Last?.Value.Number;

    /// <summary>The oldest block that can still be rolled back to (the book's state after it is known).</summary>
    public ulong? Floor => _blocks.First?.Value.Number;

    /// <summary>Recorded blocks, newest first (number and hash).</summary>
    public IEnumerable<(ulong Number, Hash32 Hash)> Blocks()
    {
        for (var n = _blocks.Last; n is not null; n = n.Previous)
            yield return (n.Value.Number, n.Value.Hash);
    }

    public Hash32? HashOf(ulong number)
    {
        for (var n = _blocks.Last; n is not null && n.Value.Number >= number; n = n.Previous)
        {
            if (n.Value.Number == number)
                return n.Value.Hash;
        }
        return null;
    }

    /// <summary>Starts (or continues) recording <paramref name="number"/>. Blocks must come in ascending order.</summary>
    public void Begin(ulong number, Hash32 hash)
    {
        if (_blocks.Last?.Value is { } last)
        {
            if (last.Number == number && last.Hash == hash)
                return;
            if (number <= last.Number)
                throw new InvalidOperationException($"block {number} ({hash}) after block {last.Number} ({last.Hash}): roll back first");
        }
        _blocks.AddLast(new BlockUndo(number, hash));
        if (_blocks.Count > depth)
            _blocks.RemoveFirst();
    }

    internal void Account(RiskBook book, ulong id)
    {
        if (_blocks.Last?.Value is { } b && !b.Accounts.ContainsKey(id))
            b.Accounts[id] = book.Accounts.TryGetValue(id, out var a) ? a.Clone() : null;
    }

    internal void Answer(RiskBook book, Address feed)
    {
        if (_blocks.Last?.Value is { } b && !b.Answers.ContainsKey(feed))
            b.Answers[feed] = book.Answers.TryGetValue(feed, out var v) ? v : null;
    }

    internal void NetSize(RiskBook book, int market)
    {
        if (_blocks.Last?.Value is { } b)
            b.NetSize.TryAdd(market, book.NetSize[market]);
    }

    internal void Parameters(RiskBook book)
    {
        if (_blocks.Last?.Value is { } b)
            b.Parameters ??= book.Parameters.Clone();
    }

    /// <summary>Undoes every block above <paramref name="block"/>. False (book untouched) when the journal does not reach
    /// that far back: reload instead.</summary>
    public bool Rollback(RiskBook book, ulong block)
    {
        if (Tip is not { } tip || block >= tip)
            return true;
        if (block < _blocks.First!.Value.Number)
            return false;
        while (_blocks.Last!.Value.Number > block)
        {
            var b = _blocks.Last.Value;
            foreach (var (id, a) in b.Accounts)
            {
                if (a is null)
                    book.Accounts.Remove(id);
                else
                    book.Accounts[id] = a;
            }
            foreach (var (feed, answer) in b.Answers)
            {
                if (answer is { } v)
                    book.Answers[feed] = v;
                else
                    book.Answers.Remove(feed);
            }
            foreach (var (market, net) in b.NetSize)
                book.NetSize[market] = net;
            if (b.Parameters is { } p)
                book.Parameters = p;
            _blocks.RemoveLast();
        }
        return true;
    }

    private sealed class BlockUndo(ulong number, Hash32 hash)
    {
        public ulong Number { get; } = number;
        public Hash32 Hash { get; } = hash;
        public Dictionary<ulong, AccountState?> Accounts { get; } = [];
        public Dictionary<Address, BigInteger?> Answers { get; } = [];
        public Dictionary<int, Int256> NetSize { get; } = [];
        public RiskParameters? Parameters { get; set; }
    }
}
