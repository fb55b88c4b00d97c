namespace CrossMargin.Ethereum.Abi;

/// <summary>A contract function: signature, selector, and call/result codecs.</summary>
public sealed class FunctionDescriptor
{
    private readonly AbiType[] _inputTypes;
    private readonly AbiType[] _outputTypes;

    public FunctionDescriptor(string name, IReadOnlyList<AbiParameter> inputs, IReadOnlyList<AbiParameter> outputs, string stateMutability = "nonpayable")
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Outputs = outputs ?? throw new ArgumentNullException(nameof(outputs));
        StateMutability = stateMutability;
        Signature = AbiSignature.Format(name, inputs);
        Selector = AbiSignature.Selector(Signature);
        _inputTypes = AbiSignature.Types(inputs);
        _outputTypes = AbiSignature.Types(outputs);
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public IReadOnlyList<AbiParameter> Outputs { get; }

    /// <summary>pure, view, nonpayable or payable.</summary>
    public string StateMutability { get; }

    public string Signature { get; }

    public uint Selector { get; }

    public byte[] EncodeCall(params object?[] args) => AbiEncoder.EncodeCall(Selector, _inputTypes, args);

    /// <summary>Decodes call data (selector included) back into the argument values.</summary>
    public object[] DecodeCall(ReadOnlySpan<byte> callData)
    {
        if (!AbiSignature.TryReadSelector(callData, out var selector) || selector != Selector)
            throw new AbiException($"call data does not start with the selector of {Signature}");
        return AbiDecoder.Decode(_inputTypes, callData[4..]);
    }

    public object[] DecodeOutput(ReadOnlySpan<byte> returnData) => AbiDecoder.Decode(_outputTypes, returnData);

    public byte[] EncodeOutput(params object?[] values) => AbiEncoder.Encode(_outputTypes, values);

    public override string ToString() => Signature;
}
