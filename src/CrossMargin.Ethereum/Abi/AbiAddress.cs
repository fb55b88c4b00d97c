using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// The single conversion point between ABI address words and the value representation. Today an
/// address is a 20-byte <c>byte[]</c>; when the <c>Address</c> struct lands, only this file (and the
/// generator's type map) change.
/// </summary>
public static class AbiAddress
{
    public const int Length = 20;

    internal static byte[] FromWordTail(ReadOnlySpan<byte> last20) => last20.ToArray();

    /// <summary>Accepts a 20-byte array or a 0x-prefixed 40-digit hex string.</summary>
    public static byte[] ToBytes(object? value) => value switch
    {
        byte[] { Length: Length } bytes => bytes,
        byte[] bytes => throw new AbiException($"address must be 20 bytes, got {bytes.Length}"),
        string s when s.Length == 42 && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => DecodeHex(s),
        _ => throw new AbiException($"cannot use {Describe(value)} as an address"),
    };

    public static string ToHex(byte[] address) => Hex.Encode(address);

    private static byte[] DecodeHex(string s)
    {
        try
        {
            return Hex.Decode(s);
        }
        catch (FormatException e)
        {
            throw new AbiException($"invalid address '{s}'", e);
        }
    }

    internal static string Describe(object? value) => value is null ? "null" : value.GetType().Name;
}
