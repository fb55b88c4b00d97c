namespace CrossMargin.Ethereum.Keystore;

/// <summary>A keystore file is malformed, unsupported, or inconsistent. Messages never contain key material.</summary>
public class KeystoreException : Exception
{
    public KeystoreException(string message)
        : base(message)
    {
    }

    public KeystoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
