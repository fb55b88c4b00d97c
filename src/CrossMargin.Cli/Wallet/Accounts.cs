using CrossMargin.Contracts;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Wallet;

/// <summary>The accounts an address owns (AccountOpened logs, owner is topic 2) and the `--account` default.</summary>
internal static class Accounts
{
    public static async Task<IReadOnlyList<MarginEngineContract.AccountOpenedEvent>> OwnedByAsync(WalletSession session, Address owner, CancellationToken ct)
    {
        var filter = new LogFilter
        {
            Addresses = [session.EngineAddress],
            Topics = [[MarginEngineContract.AccountOpenedEvent.Topic0], null, [OwnerTopic(owner)]],
            FromBlock = 0UL,
            ToBlock = session.Mirror.LastBlock,
        };
        var opened = new List<MarginEngineContract.AccountOpenedEvent>();
        foreach (var log in await session.Rpc.GetLogsAsync(filter, ct))
        {
            if (MarginEngineContract.AccountOpenedEvent.TryDecode(log, out var e))
                opened.Add(e);
        }
        return opened;
    }

    /// <summary>--account if given (it must exist); else the signer's only account.</summary>
    public static async Task<ulong> ResolveAsync(WalletSession session, ulong? requested, CancellationToken ct)
    {
        if (requested is { } id)
        {
            if (!session.Mirror.Book.Accounts.ContainsKey(id))
                throw new WalletException($"account {id} does not exist");
            return id;
        }
        var signer = session.SignerAddress();
        var owned = await OwnedByAsync(session, signer, ct);
        return owned.Count switch
        {
            1 => (ulong)owned[0].AccountId,
            0 => throw new WalletException($"{signer} has no account: open one with `crossmargin account open --mode cross`"),
            _ => throw new WalletException($"{signer} has {owned.Count} accounts ({string.Join(", ", owned.Select(a => a.AccountId))}): pass --account ID"),
        };
    }

    private static Hash32 OwnerTopic(Address owner)
    {
        Span<byte> word = stackalloc byte[32];
        AbiWord.WriteAddress(owner, word);
        return new Hash32(word);
    }
}
