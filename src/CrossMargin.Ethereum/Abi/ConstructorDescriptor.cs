namespace CrossMargin.Ethereum.Abi;

/// <summary>A contract constructor: deploy data is creation bytecode followed by encoded arguments.</summary>
public sealed class ConstructorDescriptor
{
    private readonly AbiType[] _types;

    public ConstructorDescriptor(IReadOnlyList<AbiParameter> inputs, string stateMutability = "nonpayable")
    {
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        StateMutability = stateMutability;
        _types = AbiSignature.Types(inputs);
    }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public string StateMutability { get; }

    public byte[] EncodeDeploy(ReadOnlySpan<byte> bytecode, params object?[] args) => AbiEncoder.EncodeDeploy(bytecode, _types, args);
}
