using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CrossMargin.Ethereum.Abi;

/// <summary>A parsed contract ABI with lookups by name, signature, selector and topic.</summary>
public sealed class ContractAbi
{
    private readonly Dictionary<uint, FunctionDescriptor> _functionsBySelector = [];
    private readonly Dictionary<string, EventDescriptor> _eventsByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, ErrorDescriptor> _errorsBySelector = [];

    internal ContractAbi(string? contractName, byte[]? bytecode, IReadOnlyList<FunctionDescriptor> functions, IReadOnlyList<EventDescriptor> events, IReadOnlyList<ErrorDescriptor> errors, ConstructorDescriptor? constructor)
    {
        ContractName = contractName;
        Bytecode = bytecode;
        Functions = functions;
        Events = events;
        Errors = errors;
        Constructor = constructor;
        foreach (var f in functions)
            _functionsBySelector.TryAdd(f.Selector, f);
        foreach (var e in events.Where(e => !e.Anonymous))
            _eventsByTopic.TryAdd(e.Topic0Hex, e);
        foreach (var e in errors)
            _errorsBySelector.TryAdd(e.Selector, e);
    }

    public string? ContractName { get; }

    /// <summary>Creation bytecode, when the JSON carried it.</summary>
    public byte[]? Bytecode { get; }

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public IReadOnlyList<EventDescriptor> Events { get; }

    public IReadOnlyList<ErrorDescriptor> Errors { get; }

    public ConstructorDescriptor? Constructor { get; }

    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return ContractAbiParser.Parse(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new AbiException("ABI is not valid JSON", e);
        }
    }

    public static ContractAbi FromJson(JsonElement root) => ContractAbiParser.Parse(root);

    /// <summary>By name (must be unambiguous) or by full signature such as <c>deposit(uint256,uint256)</c>.</summary>
    public FunctionDescriptor GetFunction(string nameOrSignature) => Single(Functions, nameOrSignature, f => f.Name, f => f.Signature, "function");

    /// <summary>All overloads with this name.</summary>
    public IReadOnlyList<FunctionDescriptor> GetFunctions(string name) => Functions.Where(f => f.Name == name).ToArray();

    public bool TryGetFunction(uint selector, [NotNullWhen(true)] out FunctionDescriptor? function) => _functionsBySelector.TryGetValue(selector, out function);

    public EventDescriptor GetEvent(string nameOrSignature) => Single(Events, nameOrSignature, e => e.Name, e => e.Signature, "event");

    public bool TryGetEvent(ReadOnlySpan<byte> topic0, [NotNullWhen(true)] out EventDescriptor? @event) =>
        _eventsByTopic.TryGetValue("0x" + Convert.ToHexStringLower(topic0), out @event);

    public ErrorDescriptor GetError(string nameOrSignature) => Single(Errors, nameOrSignature, e => e.Name, e => e.Signature, "error");

    public bool TryGetError(uint selector, [NotNullWhen(true)] out ErrorDescriptor? error) => _errorsBySelector.TryGetValue(selector, out error);

    /// <summary>Error(string), Panic(uint256), or one of this contract's custom errors (by name via <see cref="RevertReason.Name"/>).</summary>
    public RevertReason DecodeRevert(ReadOnlySpan<byte> revertData) => AbiRevert.Decode(revertData, this);

    /// <summary>Decodes a log of any non-anonymous event of this contract.</summary>
    public bool TryDecodeLog(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data, [NotNullWhen(true)] out DecodedEvent? decoded)
    {
        ArgumentNullException.ThrowIfNull(topics);
        decoded = null;
        return topics.Count > 0 && topics[0] is { Length: AbiWord.Size } t0 && TryGetEvent(t0, out var e) && e.TryDecode(topics, data, out decoded);
    }

    private static T Single<T>(IReadOnlyList<T> items, string key, Func<T, string> name, Func<T, string> signature, string what)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bySignature = items.FirstOrDefault(i => signature(i) == key);
        if (bySignature is not null)
            return bySignature;
        var matches = items.Where(i => name(i) == key).ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"no {what} '{key}'"),
            _ => throw new AbiException($"{what} name '{key}' is overloaded; use one of: {string.Join(", ", matches.Select(signature))}"),
        };
    }
}
