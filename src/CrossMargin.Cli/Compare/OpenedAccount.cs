using System.Numerics;
using CrossMargin.Risk.Model;

namespace CrossMargin.Cli.Compare;

/// <summary>
/// An account opened on chain for one portfolio in one mode: the contract's health right after opening (generously
/// funded), the oracle value of what was deposited (WAD USD), and the health of the stress book after the excess
/// USDC was withdrawn.
/// </summary>
internal sealed record OpenedAccount(ulong Id, string Portfolio, MarginMode Mode, Health AtOpen, BigInteger DepositsWad, Health Stress)
{
    /// <summary>Deposits minus free margin (NLV_hi − IM): what holding the position consumes (IM, haircuts, fees), in WAD USD.
    /// Independent of how much extra USDC was deposited, since USDC adds equally to both.</summary>
    public BigInteger CapitalRequiredWad => DepositsWad - ((BigInteger)AtOpen.NlvInit - (BigInteger)AtOpen.Im);
}
