namespace CrossMargin.Ethereum.Keystore;

/// <summary>KDF choice and cost for writing a keystore. Reading takes the parameters from the file.</summary>
public sealed record KeystoreOptions
{
    public KeystoreKdf Kdf { get; init; } = KeystoreKdf.Scrypt;
    public int ScryptN { get; init; } = 1 << 18;
    public int ScryptR { get; init; } = 8;
    public int ScryptP { get; init; } = 1;
    public int Pbkdf2Iterations { get; init; } = 262_144;

    /// <summary>geth's default ("standard") scrypt cost: N = 2^18, r = 8, p = 1 (~256 MiB, ~1 s).</summary>
    public static KeystoreOptions Standard { get; } = new();

    /// <summary>geth's "light" scrypt cost: N = 2^12, r = 8, p = 6, for tests and low-value hot keys.</summary>
    public static KeystoreOptions Light { get; } = new() { ScryptN = 1 << 12, ScryptP = 6 };
}
