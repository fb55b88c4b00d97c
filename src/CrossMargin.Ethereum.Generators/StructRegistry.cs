using System.Collections.Generic;
using System.Linq;

namespace CrossMargin.Ethereum.Generators;

/// <summary>
/// Assigns one record name per distinct tuple shape (canonical type + field names) in a contract.
/// Struct names come from internalType; tuples without one are named after their parameter.
/// </summary>
internal sealed class StructRegistry
{
    private readonly Dictionary<string, string> _names = new Dictionary<string, string>();
    private readonly List<(string Name, SolType Type)> _structs = new List<(string, SolType)>();
    private readonly ISet<string> _taken;

    public StructRegistry(ISet<string> taken) => _taken = taken;

    public IReadOnlyList<(string Name, SolType Type)> Structs => _structs;

    public void Register(SolParam param)
    {
        var t = param.Type;
        while (t.Element != null)
            t = t.Element;
        if (t.Kind != SolKind.Tuple)
            return;
        foreach (var c in t.Components)
            Register(c);
        var key = Key(t);
        if (_names.ContainsKey(key))
            return;
        var name = Names.Unique(t.StructName != null ? Names.Pascal(t.StructName, "Tuple") : Names.Pascal(param.Name, "Tuple"), _taken);
        _names[key] = name;
        _structs.Add((name, t));
    }

    public string NameOf(SolType tuple) => _names[Key(tuple)];

    private static string Key(SolType t) => t.Canonical + "|" + string.Join(",", t.Components.Select(c => c.Name)) + "|" + t.StructName;
}
