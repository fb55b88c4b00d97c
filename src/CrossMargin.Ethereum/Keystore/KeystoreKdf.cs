namespace CrossMargin.Ethereum.Keystore;

/// <summary>Key derivation functions of Web3 Secret Storage v3.</summary>
public enum KeystoreKdf
{
    Scrypt,
    Pbkdf2,
}
