namespace CrossMargin.Ethereum.Keystore;

/// <summary>The MAC check failed: the password is wrong (or the ciphertext was altered).</summary>
public sealed class KeystoreWrongPasswordException : KeystoreException
{
    public KeystoreWrongPasswordException()
        : base("wrong password: the keystore MAC check failed (or the file was tampered with)")
    {
    }
}
