using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Keeper.Sending;

/// <summary>
/// An in-flight attempt in the checkpoint's sidecar file: enough to find its receipt after a restart (all hashes) and
/// to bump or cancel it (the unsigned fields of its latest version).
/// </summary>
internal sealed record InflightRow(
    ulong AccountId,
    ActionKind Kind,
    string Amount,
    string? Asset,
    double Deficit,
    string CallData,
    ulong Nonce,
    List<string> Hashes,
    string? CancelHash,
    string To,
    string Data,
    ulong GasLimit,
    string MaxFee,
    string Tip,
    int Replacements);
