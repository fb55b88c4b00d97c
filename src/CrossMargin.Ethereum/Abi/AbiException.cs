namespace CrossMargin.Ethereum.Abi;

/// <summary>Raised for malformed type strings, out-of-range values and non-canonical or truncated encodings.</summary>
public sealed class AbiException : Exception
{
    public AbiException(string message) : base(message)
    {
    }

    public AbiException(string message, Exception inner) : base(message, inner)
    {
    }
}
