using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace CrossMargin.Ethereum.Generators;

/// <summary>Turns Solidity identifiers into valid, unique C# identifiers.</summary>
internal static class Names
{
    public static string Pascal(string name, string fallback)
    {
        var clean = Clean(name);
        if (clean.Length == 0)
            return fallback;
        return char.ToUpperInvariant(clean[0]) + clean.Substring(1);
    }

    public static string Camel(string name, string fallback)
    {
        var clean = Clean(name);
        if (clean.Length == 0)
            return fallback;
        var camel = char.ToLowerInvariant(clean[0]) + clean.Substring(1);
        return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(camel) != SyntaxKind.None ? "@" + camel : camel;
    }

    /// <summary>Appends a number until <paramref name="name"/> is not in <paramref name="taken"/>; records it.</summary>
    public static string Unique(string name, ISet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate.TrimStart('@')); i++)
            candidate = name + i;
        return candidate;
    }

    /// <summary>Suffix distinguishing overloads, e.g. "_uint256_address" or "_uint256Array_tuple".</summary>
    public static string OverloadSuffix(AbiEntry entry)
    {
        var sb = new StringBuilder();
        foreach (var p in entry.Inputs)
            sb.Append('_').Append(TypeToken(p.Type));
        return sb.Length == 0 ? "_noArgs" : sb.ToString();
    }

    private static string TypeToken(SolType t) => t.Kind switch
    {
        SolKind.FixedArray => TypeToken(t.Element!) + "Array" + t.Length,
        SolKind.DynamicArray => TypeToken(t.Element!) + "Array",
        SolKind.Tuple => "tuple",
        _ => t.Canonical,
    };

    // Solidity allows '$' and leading underscores; C# members read better without them.
    private static string Clean(string name)
    {
        var sb = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c) || c == '_')
                sb.Append(c);
        }
        var s = sb.ToString().TrimStart('_');
        return s.Length > 0 && char.IsDigit(s[0]) ? "_" + s : s;
    }
}
