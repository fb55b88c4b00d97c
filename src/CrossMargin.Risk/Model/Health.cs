using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Model;

/// <summary>The contract's Health struct: NLV at maintenance and initial haircuts, MM and IM (all WAD USD).</summary>
public readonly record struct Health(Int256 NlvMaint, Int256 NlvInit, UInt256 Mm, UInt256 Im)
{
    public bool IsLiquidatable => NlvMaint < (Int256)Mm;

    /// <summary>NLV_hi − IM: free margin (negative below initial margin).</summary>
    public Int256 InitialSurplus => NlvInit - (Int256)Im;

    public override string ToString() => $"nlvMaint={NlvMaint} nlvInit={NlvInit} mm={Mm} im={Im}";
}
