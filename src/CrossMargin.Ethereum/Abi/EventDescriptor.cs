using System.Diagnostics.CodeAnalysis;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// A contract event: topic0 = keccak(signature) unless anonymous, indexed parameters in topics 1..n,
/// the rest ABI-encoded in data.
/// </summary>
public sealed class EventDescriptor
{
    private readonly byte[] _topic0;
    private readonly AbiType[] _dataTypes;
    private readonly int _indexedCount;

    public EventDescriptor(string name, IReadOnlyList<AbiParameter> inputs, bool anonymous = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
        Anonymous = anonymous;
        Signature = AbiSignature.Format(name, inputs);
        _topic0 = AbiSignature.Hash(Signature);
        _dataTypes = inputs.Where(p => !p.Indexed).Select(p => p.Type).ToArray();
        _indexedCount = inputs.Count(p => p.Indexed);
        if (_indexedCount > (anonymous ? 4 : 3))
            throw new AbiException($"event {Signature} has too many indexed parameters");
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public bool Anonymous { get; }

    public string Signature { get; }

    /// <summary>keccak256(signature); not emitted in logs of anonymous events.</summary>
    public ReadOnlySpan<byte> Topic0 => _topic0;

    public string Topic0Hex => Hex.Encode(_topic0);

    /// <summary>Topic count and (for non-anonymous events) topic0 match this event.</summary>
    public bool IsMatch(IReadOnlyList<byte[]> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var first = Anonymous ? 0 : 1;
        if (topics.Count != first + _indexedCount)
            return false;
        return Anonymous || (topics[0] is { } t0 && t0.AsSpan().SequenceEqual(_topic0));
    }

    public DecodedEvent Decode(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        if (!IsMatch(topics))
            throw new AbiException($"log topics do not match event {Signature}");
        var dataValues = AbiDecoder.Decode(_dataTypes, data);
        var values = new object[Inputs.Count];
        var topic = Anonymous ? 0 : 1;
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var p = Inputs[i];
            values[i] = p.Indexed ? AbiTopics.Decode(p.Type, AbiWord.Topic(topics, topic++)) : dataValues[next++];
        }
        return new DecodedEvent(this, values);
    }

    public bool TryDecode(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data, [NotNullWhen(true)] out DecodedEvent? decoded)
    {
        decoded = null;
        if (!IsMatch(topics))
            return false;
        try
        {
            decoded = Decode(topics, data);
            return true;
        }
        catch (AbiException)
        {
            return false;
        }
    }

    /// <summary>Builds the topics and data a contract would emit (for mocks, tests and log filters).</summary>
    public (byte[][] Topics, byte[] Data) EncodeLog(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Inputs.Count)
            throw new AbiException($"event {Signature} needs {Inputs.Count} values, got {values.Length}");
        var topics = new List<byte[]>();
        if (!Anonymous)
            topics.Add((byte[])_topic0.Clone());
        var data = new List<object?>();
        for (var i = 0; i < values.Length; i++)
        {
            if (Inputs[i].Indexed)
                topics.Add(AbiTopics.Encode(Inputs[i].Type, values[i]));
            else
                data.Add(values[i]);
        }
        return (topics.ToArray(), AbiEncoder.Encode(_dataTypes, data));
    }

    public override string ToString() => Signature;
}
