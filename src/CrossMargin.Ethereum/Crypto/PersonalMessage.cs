using System.Text;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>EIP-191 version 0x45 ("personal_sign") message hashing, signing and signer recovery.</summary>
public static class PersonalMessage
{
    // \u0019, not \x19: C# \x takes up to four hex digits and would swallow the "E".
    private const string Prefix = "\u0019Ethereum Signed Message:\n";

    /// <summary>keccak256("\x19Ethereum Signed Message:\n" ‖ decimal byte length ‖ message).</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> message)
    {
        string header = Prefix + message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var buf = new byte[header.Length + message.Length];
        int written = Encoding.ASCII.GetBytes(header, buf);
        message.CopyTo(buf.AsSpan(written));
        return Hash32.Keccak(buf);
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="message"/>.</summary>
    public static Hash32 Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    public static Signature Sign(ReadOnlySpan<byte> message, PrivateKey key) => key.Sign(Hash(message));

    public static Signature Sign(string message, PrivateKey key) => key.Sign(Hash(message));

    public static Address RecoverAddress(ReadOnlySpan<byte> message, Signature signature) =>
        Secp256k1.RecoverAddress(Hash(message), signature);

    public static Address RecoverAddress(string message, Signature signature) =>
        Secp256k1.RecoverAddress(Hash(message), signature);
}
