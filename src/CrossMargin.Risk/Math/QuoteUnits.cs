using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Math;

/// <summary>Conversions between WAD USD and whole quote units (QUOTE_SCALE = 10^(18 − quote decimals)).</summary>
public static class QuoteUnits
{
    /// <summary>MarginEngine._quoteUp: WAD to quote units rounded up (charges).</summary>
    public static UInt256 Up(UInt256 wad, UInt256 quoteScale) => WadMath.CeilDiv(wad, quoteScale);
}
