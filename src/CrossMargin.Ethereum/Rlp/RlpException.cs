namespace CrossMargin.Ethereum.Rlp;

/// <summary>Malformed or non-canonical RLP. <see cref="Offset"/> is the byte position where decoding failed.</summary>
public sealed class RlpException : FormatException
{
    public RlpException(string message, int offset)
        : base($"invalid RLP at byte {offset}: {message}") => Offset = offset;

    public RlpException(string message)
        : base($"invalid RLP: {message}") => Offset = -1;

    public int Offset { get; }
}
