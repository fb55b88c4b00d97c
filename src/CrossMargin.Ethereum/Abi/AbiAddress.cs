using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// The single conversion point between ABI address words and <see cref="Address"/>. The codec decodes
/// addresses to <see cref="Address"/>; the encoder also accepts a 20-byte array or a 0x-hex string.
/// </summary>
public static class AbiAddress
{
    public const int Length = Address.Size;

    internal static Address FromWordTail(ReadOnlySpan<byte> last20) => new(last20);

    /// <summary>Accepts an <see cref="Address"/>, a 20-byte array or a 0x-prefixed 40-digit hex string.</summary>
    public static Address ToAddress(object? value) => value switch
    {
        Address a => a,
        byte[] { Length: Length } bytes => new Address(bytes),
        byte[] bytes => throw new AbiException($"address must be 20 bytes, got {bytes.Length}"),
        string s => Parse(s),
        _ => throw new AbiException($"cannot use {Describe(value)} as an address"),
    };

    private static Address Parse(string s)
    {
        try
        {
            return Address.Parse(s);
        }
        catch (FormatException e)
        {
            throw new AbiException($"invalid address '{s}'", e);
        }
    }

    internal static string Describe(object? value) => value is null ? "null" : value.GetType().Name;
}
