namespace CrossMargin.Ethereum.Abi;

/// <summary>A custom Solidity error (<c>error InsufficientMargin(...)</c>): revert data is selector + encoded args.</summary>
public sealed class ErrorDescriptor
{
    private readonly AbiType[] _types;

    public ErrorDescriptor(string name, IReadOnlyList<AbiParameter> inputs)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Signature = AbiSignature.Format(name, inputs);
        Selector = AbiSignature.Selector(Signature);
        _types = AbiSignature.Types(inputs);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public string Signature { get; }

    public uint Selector { get; }

    public byte[] Encode(params object?[] args) => AbiEncoder.EncodeCall(Selector, _types, args);

    public object[] Decode(ReadOnlySpan<byte> revertData)
    {
        if (!AbiSignature.TryReadSelector(revertData, out var selector) || selector != Selector)
            throw new AbiException($"revert data does not start with the selector of {Signature}");
        return AbiDecoder.Decode(_types, revertData[4..]);
    }

    public override string ToString() => Signature;
}
