using System.Text;
using System.Text.RegularExpressions;

namespace CrossMargin.Devnet;

/// <summary>
/// What an Anvil prints: kept (bounded) for start-up errors, its banner's dev accounts and keys, and the moment it
/// listens. Both pipes are read continuously, so a chatty node never blocks on a full pipe.
/// </summary>
internal sealed partial class AnvilConsole
{
    private const int MaxKept = 64 * 1024;
    private readonly StringBuilder _text = new();
    private readonly List<string> _accounts = [];
    private readonly List<string> _privateKeys = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at "Listening on", which anvil prints after the account/key banner (so both lists are complete).</summary>
    public Task Listening => _listening.Task;

    public IReadOnlyList<string> Accounts
    {
        get
        {
            lock (_text)
                return [.. _accounts];
        }
    }

    public IReadOnlyList<string> PrivateKeys
    {
        get
        {
            lock (_text)
                return [.. _privateKeys];
        }
    }

    public string Text
    {
        get
        {
            lock (_text)
                return _text.ToString();
        }
    }

    public void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_text)
        {
            if (_text.Length < MaxKept)
                _text.AppendLine(line);
            var m = IndexedHex().Match(line);
            if (m.Success)
                (m.Groups[1].Length == 40 ? _accounts : _privateKeys).Add("0x" + m.Groups[1].Value);
        }
        if (line.StartsWith("Listening on", StringComparison.Ordinal))
            _listening.TrySetResult();
    }

    // "(0) 0xf39F…2266 (10000.000000000000000000 ETH)" and "(0) 0xac09…ff80" in anvil's banner.
    [GeneratedRegex(@"^\(\d+\) 0x([0-9a-fA-F]{40}|[0-9a-fA-F]{64})\b")]
    private static partial Regex IndexedHex();
}
