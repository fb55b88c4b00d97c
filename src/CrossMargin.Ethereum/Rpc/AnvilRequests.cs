using CrossMargin.Ethereum.Primitives;
using System.Text.Json;
using P = CrossMargin.Ethereum.Rpc.RpcModelParser;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>anvil_* / evm_* test-node methods (also served by Hardhat for most of them).</summary>
public static class AnvilRequests
{
    /// <summary>Mines one block (evm_mine returns "0x0" on anvil).</summary>
    public static RpcRequest<bool> Mine() => new("evm_mine", null, Ignore);

    /// <summary>Mines <paramref name="blocks"/> blocks in one call.</summary>
    public static RpcRequest<bool> Mine(ulong blocks) => new("anvil_mine", w => RpcParamWriter.Quantity64(w, blocks), Ignore);

    /// <summary>Returns the snapshot id (a quantity on anvil) to pass to <see cref="Revert"/>.</summary>
    public static RpcRequest<string> Snapshot() => new("evm_snapshot", null, e => e.GetString()!);

    /// <summary>True when the snapshot existed. A snapshot can be reverted to only once.</summary>
    public static RpcRequest<bool> Revert(string snapshotId) => new("evm_revert", w => w.WriteStringValue(snapshotId), e => e.GetBoolean());

    public static RpcRequest<bool> SetBalance(Address address, UInt256 balance) => new(
        "anvil_setBalance",
        w =>
        {
            RpcParamWriter.Address(w, address);
            RpcParamWriter.Quantity256(w, balance);
        },
        Ignore);

    public static RpcRequest<bool> SetAutomine(bool enabled) => new("evm_setAutomine", w => w.WriteBooleanValue(enabled), Ignore);

    /// <summary>Replaces the last <paramref name="depth"/> blocks with empty ones (anvil_reorg).</summary>
    public static RpcRequest<bool> Reorg(ulong depth) => new(
        "anvil_reorg",
        w =>
        {
            w.WriteNumberValue(depth);
            w.WriteStartArray();
            w.WriteEndArray();
        },
        Ignore);

    /// <summary>eth_sendTransaction from an unlocked dev account (anvil signs). Not for real networks.</summary>
    public static RpcRequest<Hash32> SendTransaction(CallRequest transaction) =>
        new("eth_sendTransaction", w => RpcParamWriter.Call(w, transaction), P.Hash, isIdempotent: false);

    /// <summary>eth_signTransaction with an unlocked dev account: yields raw signed bytes for tests.</summary>
    public static RpcRequest<byte[]> SignTransaction(CallRequest transaction) =>
        new("eth_signTransaction", w => RpcParamWriter.Call(w, transaction), P.Bytes);

    private static bool Ignore(JsonElement _) => true;
}
