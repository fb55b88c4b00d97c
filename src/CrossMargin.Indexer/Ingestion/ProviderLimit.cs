using System.Globalization;
using System.Text.RegularExpressions;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// Recognises eth_getLogs answers that mean "ask for a smaller range" (Infura/Alchemy -32005 and "query returned more
/// than N results", geth/erigon "block range too large", QuickNode "limited to N blocks", …) and the range the
/// provider suggests, when the message gives one ("[0x10, 0x2f]" or "limited to a 2000 block range").
/// </summary>
internal static partial class ProviderLimit
{
    public static bool IsRangeTooLarge(Exception e) => e is JsonRpcException j
        && (j.Code == -32005 || Markers.Any(m => j.RpcMessage.Contains(m, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The number of blocks the provider suggests, or null.</summary>
    public static ulong? SuggestedSpan(Exception e)
    {
        if (e is not JsonRpcException j)
            return null;
        var pair = HexPair().Match(j.RpcMessage);
        if (pair.Success)
        {
            var from = ulong.Parse(pair.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var to = ulong.Parse(pair.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return to >= from ? to - from + 1 : null;
        }
        var blocks = BlockCount().Match(j.RpcMessage);
        return blocks.Success ? ulong.Parse(blocks.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static readonly string[] Markers =
    [
        "too many results", "more than", "range too large", "range is too large", "block range", "limit exceeded",
        "response size", "too many logs", "exceed maximum block range", "query timeout",
    ];

    [GeneratedRegex(@"\[\s*0x([0-9a-fA-F]+)\s*,\s*0x([0-9a-fA-F]+)\s*\]")]
    private static partial Regex HexPair();

    [GeneratedRegex(@"(\d+)\s*block", RegexOptions.IgnoreCase)]
    private static partial Regex BlockCount();
}
