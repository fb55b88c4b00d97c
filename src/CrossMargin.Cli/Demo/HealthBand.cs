using System.Numerics;
using CrossMargin.Contracts;

namespace CrossMargin.Cli.Demo;

/// <summary>Accounts grouped by NLV_hm / MM (the engine's own health numbers).</summary>
internal enum HealthBand
{
    Flat,
    Safe,
    Watch,
    AtRisk,
    Liquidatable,
}

internal static class HealthBands
{
    public static readonly string[] Labels = ["no positions", "safe (≥ 2× MM)", "watch (1.25–2× MM)", "at risk (1–1.25× MM)", "liquidatable (< MM)"];

    public static HealthBand Of(MarginEngineContract.Health h)
    {
        BigInteger nlv = h.NlvMaint, mm = h.Mm;
        if (nlv < mm)
            return HealthBand.Liquidatable;
        if (mm.IsZero)
            return HealthBand.Flat;
        if (nlv >= 2 * mm)
            return HealthBand.Safe;
        return nlv * 4 >= mm * 5 ? HealthBand.Watch : HealthBand.AtRisk;
    }
}
