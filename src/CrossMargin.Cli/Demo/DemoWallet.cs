using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Cli.Demo;

/// <summary>One simulated trader: a key derived from the seed, its next nonce (fresh keys start at 0) and its account.</summary>
internal sealed class DemoWallet(PrivateKey key, MarginMode mode)
{
    public PrivateKey Key { get; } = key;
    public Address Address => Key.Address;
    public MarginMode Mode { get; } = mode;
    public ulong Nonce { get; set; }
    public ulong AccountId { get; set; }

    /// <summary>Markets this wallet has traded (an ISOLATED account may only ever use its first).</summary>
    public List<int> Markets { get; } = [];

    /// <summary>keccak(seed, purpose, index) as a key: the same seed gives the same wallets.</summary>
    public static PrivateKey DeriveKey(int seed, string purpose, int index) =>
        new(Hash32.Keccak(System.Text.Encoding.UTF8.GetBytes($"crossmargin-demo/{seed}/{purpose}/{index}")).ToArray());
}
