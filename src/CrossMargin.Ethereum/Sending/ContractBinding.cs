using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Sending;

/// <summary>Decodes revert data into a generated custom-error record, or an <see cref="Abi.RevertReason"/>.</summary>
public delegate object RevertDecoder(ReadOnlySpan<byte> revertData);

/// <summary>Decodes a log into a generated event record, or null when no event of the contract matches.</summary>
public delegate object? LogDecoder(IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data);

/// <summary>Decodes eth_call return data (a generated <c>XFunction.DecodeResult</c>).</summary>
public delegate T ResultDecoder<out T>(ReadOnlySpan<byte> data);

/// <summary>What <see cref="ContractClient"/> needs from generated bindings: each <c>XContract.Binding</c> is one.</summary>
public sealed record ContractBinding(string ContractName, ContractAbi Abi, RevertDecoder DecodeError, LogDecoder DecodeLog);
