using System.Numerics;
using System.Text.Json;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Model;

namespace CrossMargin.Keeper.Book;

/// <summary>Book ⇄ <see cref="Checkpoint"/> and the JSON bytes. Taking a snapshot walks the account masks only (no clones).</summary>
internal static class CheckpointCodec
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static Checkpoint Snapshot(KeeperBook book, Address engine, ulong chainId)
    {
        var risk = book.Risk;
        var accounts = new List<AccountRow>(risk.Accounts.Count);
        foreach (var a in risk.Accounts.Values)
        {
            var balances = new Dictionary<int, string>();
            for (uint m = a.CollateralMask; m != 0; m &= m - 1)
            {
                var ci = BitOperations.TrailingZeroCount(m);
                balances[ci] = a.Balances[ci].ToString();
            }
            var positions = new Dictionary<int, string[]>();
            for (var m = a.MarketMask; m != 0; m &= m - 1)
            {
                var id = BitOperations.TrailingZeroCount(m);
                positions[id] = [a.Positions[id].Size.ToString(), a.Positions[id].OpenNotional.ToString()];
            }
            accounts.Add(new AccountRow(a.Id, (int)a.Mode, a.QuoteBalance.ToString(), balances, positions));
        }
        var p = book.Position;
        return new Checkpoint
        {
            Engine = engine.ToString(),
            ChainId = chainId,
            Block = p.Block,
            Complete = p.Complete,
            BlockHash = p.BlockHash?.ToString(),
            Indices = [.. p.Indices],
            Answers = risk.Answers.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString()),
            NetSize = [.. risk.NetSize.Select(n => n.ToString())],
            Accounts = accounts,
        };
    }

    /// <summary>Puts the checkpoint's accounts, answers and net sizes into <paramref name="risk"/> (parameters already applied).</summary>
    public static void Restore(Checkpoint cp, RiskBook risk)
    {
        foreach (var row in cp.Accounts)
        {
            var a = new AccountState(row.Id, (MarginMode)row.Mode) { QuoteBalance = Int256.Parse(row.Quote) };
            foreach (var (ci, balance) in row.Balances)
                a.SetBalance(ci, UInt256.Parse(balance));
            foreach (var (id, pos) in row.Positions)
                a.SetPosition(id, new PositionState(Int256.Parse(pos[0]), Int256.Parse(pos[1])));
            risk.Accounts[row.Id] = a;
        }
        foreach (var (feed, answer) in cp.Answers)
            risk.Answers[Address.Parse(feed)] = BigInteger.Parse(answer, System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < cp.NetSize.Count && i < risk.NetSize.Length; i++)
            risk.NetSize[i] = Int256.Parse(cp.NetSize[i]);
    }

    public static LogPosition Position(Checkpoint cp) =>
        new(cp.Block, cp.Complete, cp.BlockHash is null ? null : Hash32.Parse(cp.BlockHash), [.. cp.Indices]);

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Json);

    public static T? Read<T>(string path) where T : class =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json) : null;
}
