using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Screening;

/// <summary>An account whose exact health is liquidatable; <see cref="Shortfall"/> = MM − NLV_hm (WAD USD, &gt; 0).</summary>
public readonly record struct LiquidatableAccount(ulong Id, Health Health)
{
    public Int256 Shortfall => (Int256)Health.Mm - Health.NlvMaint;
}
