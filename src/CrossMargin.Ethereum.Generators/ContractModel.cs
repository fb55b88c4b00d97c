using System.Collections.Generic;

namespace CrossMargin.Ethereum.Generators;

/// <summary>One function/event/error/constructor entry of the ABI.</summary>
internal sealed class AbiEntry
{
    public AbiEntry(string kind, string name, IReadOnlyList<SolParam> inputs, IReadOnlyList<SolParam> outputs, bool anonymous)
    {
        Kind = kind;
        Name = name;
        Inputs = inputs;
        Outputs = outputs;
        Anonymous = anonymous;
    }

    public string Kind { get; }

    public string Name { get; }

    public IReadOnlyList<SolParam> Inputs { get; }

    public IReadOnlyList<SolParam> Outputs { get; }

    public bool Anonymous { get; }

    public string Signature => Name + "(" + string.Join(",", System.Linq.Enumerable.Select(Inputs, p => p.Type.Canonical)) + ")";
}

/// <summary>A contract as read from one abi/*.json file.</summary>
internal sealed class ContractModel
{
    public ContractModel(string name, IReadOnlyList<AbiEntry> entries, string bytecode, string abiJson)
    {
        Name = name;
        Entries = entries;
        Bytecode = bytecode;
        AbiJson = abiJson;
    }

    public string Name { get; }

    public IReadOnlyList<AbiEntry> Entries { get; }

    /// <summary>0x-prefixed creation bytecode, or "" when the file has none (interfaces, abstract contracts).</summary>
    public string Bytecode { get; }

    /// <summary>The raw "abi" array text, embedded so runtime code can build a ContractAbi.</summary>
    public string AbiJson { get; }
}
