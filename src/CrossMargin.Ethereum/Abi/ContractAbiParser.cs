using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// Reads solc/forge ABI JSON: either the bare entry array, a forge artifact
/// (<c>{"abi": [...], "bytecode": {"object": "0x..."}}</c>), or the repo export
/// (<c>{"contractName", "abi", "bytecode": "0x..."}</c>).
/// </summary>
internal static class ContractAbiParser
{
    public static ContractAbi Parse(JsonElement root)
    {
        string? contractName = null;
        byte[]? bytecode = null;
        var entries = root;
        if (root.ValueKind == JsonValueKind.Object)
        {
            contractName = root.TryGetProperty("contractName", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            bytecode = ReadBytecode(root);
            entries = root.TryGetProperty("abi", out var abi) ? abi : throw new AbiException("ABI JSON object has no 'abi' array");
        }
        if (entries.ValueKind != JsonValueKind.Array)
            throw new AbiException("ABI JSON must be an array of entries");

        var functions = new List<FunctionDescriptor>();
        var events = new List<EventDescriptor>();
        var errors = new List<ErrorDescriptor>();
        ConstructorDescriptor? constructor = null;
        foreach (var entry in entries.EnumerateArray())
        {
            var kind = String(entry, "type") ?? "function";
            var mutability = String(entry, "stateMutability") ?? "nonpayable";
            switch (kind)
            {
                case "function":
                    functions.Add(new FunctionDescriptor(Name(entry), Parameters(entry, "inputs"), Parameters(entry, "outputs"), mutability));
                    break;
                case "event":
                    var anonymous = entry.TryGetProperty("anonymous", out var a) && a.ValueKind == JsonValueKind.True;
                    events.Add(new EventDescriptor(Name(entry), Parameters(entry, "inputs"), anonymous));
                    break;
                case "error":
                    errors.Add(new ErrorDescriptor(Name(entry), Parameters(entry, "inputs")));
                    break;
                case "constructor":
                    constructor = new ConstructorDescriptor(Parameters(entry, "inputs"), mutability);
                    break;
                case "fallback" or "receive":
                    break; // no ABI-encoded data to describe
                default:
                    throw new AbiException($"unknown ABI entry type '{kind}'");
            }
        }
        return new ContractAbi(contractName, bytecode, functions, events, errors, constructor);
    }

    private static byte[]? ReadBytecode(JsonElement root)
    {
        if (!root.TryGetProperty("bytecode", out var b))
            return null;
        var hex = b.ValueKind switch
        {
            JsonValueKind.String => b.GetString(),
            JsonValueKind.Object when b.TryGetProperty("object", out var o) => o.GetString(),
            _ => null,
        };
        if (string.IsNullOrEmpty(hex) || hex == "0x")
            return null;
        try
        {
            return Hex.Decode(hex);
        }
        catch (FormatException e)
        {
            // Unlinked libraries leave __$placeholder$__ in the hex; such bytecode is not deployable as-is.
            throw new AbiException("bytecode is not valid hex (unlinked library references?)", e);
        }
    }

    private static string Name(JsonElement entry) => String(entry, "name") ?? throw new AbiException("ABI entry without a name");

    private static string? String(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static AbiParameter[] Parameters(JsonElement entry, string property)
    {
        if (!entry.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
            return [];
        return list.EnumerateArray().Select(Parameter).ToArray();
    }

    private static AbiParameter Parameter(JsonElement p)
    {
        var typeText = String(p, "type") ?? throw new AbiException("ABI parameter without a type");
        AbiParameter[] components = p.TryGetProperty("components", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(Parameter).ToArray()
            : [];
        if (typeText.StartsWith("tuple", StringComparison.Ordinal))
        {
            // "tuple[2][]" + components → "(T1,T2)[2][]": the array suffix follows the word "tuple".
            var inner = "(" + string.Join(",", components.Select(x => x.Type.CanonicalName)) + ")";
            typeText = inner + typeText["tuple".Length..];
        }
        var indexed = p.TryGetProperty("indexed", out var i) && i.ValueKind == JsonValueKind.True;
        return new AbiParameter(String(p, "name") ?? "", AbiType.Parse(typeText), indexed, String(p, "internalType"), components);
    }
}
