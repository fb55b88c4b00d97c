using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CrossMargin.Ethereum.Generators;

/// <summary>Reads the repo's ABI export format <c>{ "contractName", "abi": [...], "bytecode": "0x..." }</c>.</summary>
internal static class ContractReader
{
    public static ContractModel Read(string path, string text)
    {
        if (!(MiniJson.Parse(text, out var raw) is Dictionary<string, object?> root))
            throw new FormatException("expected a JSON object with 'contractName', 'abi' and 'bytecode'");
        var name = root.TryGetValue("contractName", out var n) && n is string s && s.Length > 0
            ? s
            : Path.GetFileNameWithoutExtension(path);
        if (!root.TryGetValue("abi", out var abi) || !(abi is List<object?> items))
            throw new FormatException("missing 'abi' array");
        var bytecode = root.TryGetValue("bytecode", out var b) ? b switch
        {
            string hex => hex,
            Dictionary<string, object?> forge when forge.TryGetValue("object", out var o) && o is string hex2 => hex2, // forge artifact shape
            _ => "",
        } : "";
        if (bytecode.Length > 0 && !bytecode.StartsWith("0x", StringComparison.Ordinal))
            bytecode = "0x" + bytecode;
        if (bytecode == "0x")
            bytecode = "";
        var entries = items.Select(Entry).Where(e => e != null).Select(e => e!).ToList();
        return new ContractModel(name, entries, bytecode, raw["abi"]);
    }

    private static AbiEntry? Entry(object? item)
    {
        if (!(item is Dictionary<string, object?> e))
            throw new FormatException("ABI entries must be objects");
        var kind = Str(e, "type") ?? "function";
        if (kind == "fallback" || kind == "receive")
            return null;
        if (kind != "function" && kind != "event" && kind != "error" && kind != "constructor")
            throw new FormatException("unknown ABI entry type '" + kind + "'");
        var name = kind == "constructor" ? "constructor" : Str(e, "name") ?? throw new FormatException("ABI " + kind + " without a name");
        var anonymous = e.TryGetValue("anonymous", out var a) && a is bool flag && flag;
        return new AbiEntry(kind, name, Params(e, "inputs"), Params(e, "outputs"), anonymous);
    }

    private static IReadOnlyList<SolParam> Params(Dictionary<string, object?> e, string key)
    {
        if (!e.TryGetValue(key, out var v) || v == null)
            return Array.Empty<SolParam>();
        if (!(v is List<object?> list))
            throw new FormatException("'" + key + "' must be an array");
        return list.Select(Param).ToList();
    }

    private static SolParam Param(object? item)
    {
        if (!(item is Dictionary<string, object?> p))
            throw new FormatException("ABI parameters must be objects");
        var type = Str(p, "type") ?? throw new FormatException("ABI parameter without a type");
        var components = Params(p, "components");
        var indexed = p.TryGetValue("indexed", out var i) && i is bool flag && flag;
        return new SolParam(Str(p, "name") ?? "", SolType.Parse(type, components, Str(p, "internalType")), indexed);
    }

    private static string? Str(Dictionary<string, object?> e, string key) => e.TryGetValue(key, out var v) ? v as string : null;
}
