using CrossMargin.Risk.Model;

namespace CrossMargin.Keeper.Pipeline;

/// <summary>An account the exact check found liquidatable (or empty with debt); <see cref="DeficitUsd"/> = MM − NLV_hm orders the work.</summary>
internal readonly record struct Candidate(AccountState Account, Health Health, double DeficitUsd);
