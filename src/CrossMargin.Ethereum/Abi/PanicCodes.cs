using System.Numerics;

namespace CrossMargin.Ethereum.Abi;

/// <summary>Solidity's <c>Panic(uint256)</c> codes (compiler ≥ 0.8.0).</summary>
public static class PanicCodes
{
    public const int Generic = 0x00;
    public const int AssertFailed = 0x01;
    public const int ArithmeticOverflow = 0x11;
    public const int DivisionByZero = 0x12;
    public const int InvalidEnumValue = 0x21;
    public const int InvalidStorageByteArray = 0x22;
    public const int PopOnEmptyArray = 0x31;
    public const int ArrayIndexOutOfBounds = 0x32;
    public const int OutOfMemory = 0x41;
    public const int InvalidInternalFunction = 0x51;

    /// <summary>Human-readable name of a panic code; unknown codes are described by their hex value.</summary>
    public static string Describe(BigInteger code) => code.IsZero ? "generic compiler panic" : (int)BigInteger.Min(code, int.MaxValue) switch
    {
        AssertFailed => "assertion failed",
        ArithmeticOverflow => "arithmetic overflow or underflow",
        DivisionByZero => "division or modulo by zero",
        InvalidEnumValue => "invalid enum value",
        InvalidStorageByteArray => "invalid storage byte array encoding",
        PopOnEmptyArray => "pop on empty array",
        ArrayIndexOutOfBounds => "array index out of bounds",
        OutOfMemory => "out of memory or allocation too large",
        InvalidInternalFunction => "call to invalid internal function",
        _ => $"unknown panic {ToHex(code)}",
    };

    /// <summary>0x-hex without BigInteger's sign-padding zero (0x99, not 0x099).</summary>
    public static string ToHex(BigInteger code)
    {
        var digits = code.ToString("x", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0');
        return "0x" + (digits.Length == 0 ? "0" : digits);
    }
}
