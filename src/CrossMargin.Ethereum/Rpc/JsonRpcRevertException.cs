using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// An eth_call / eth_estimateGas execution reverted. <see cref="RevertData"/> is the raw revert payload
/// (custom error selector + args, or Error(string)/Panic(uint256)); it is empty for a bare <c>revert()</c>.
/// </summary>
public sealed class JsonRpcRevertException : JsonRpcException
{
    public JsonRpcRevertException(string method, int code, string rpcMessage, string? dataJson, byte[] revertData)
        : base(method, code, rpcMessage, dataJson)
    {
        RevertData = revertData;
    }

    public byte[] RevertData { get; }

    /// <summary>The 4-byte error selector as 0x-hex, or null when the revert carried fewer than 4 bytes.</summary>
    public string? Selector => RevertData.Length >= 4 ? Hex.Encode(RevertData.AsSpan(0, 4)) : null;
}
