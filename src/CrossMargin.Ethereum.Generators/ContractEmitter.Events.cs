using System.Collections.Generic;
using System.Linq;

namespace CrossMargin.Ethereum.Generators;

/// <summary>Event records with Topic0, IsMatch, TryDecode/Decode, ToLog; and the contract-wide log dispatcher.</summary>
internal sealed partial class ContractEmitter
{
    private const string Hash32 = TypeMapper.Primitives + "Hash32";

    private string EmitEvent(AbiEntry e, string baseName)
    {
        var name = Names.Unique(baseName, _typeNames);
        var props = PropertyNames(e.Inputs, "Arg", RecordMembers.Concat(new[] { name, "Signature", "Topic0", "Topic0Hex", "IsMatch", "TryDecode", "Decode", "DecodeCore", "ToLog" }));
        var indexed = e.Inputs.Where(p => p.Indexed).ToList();
        var data = e.Inputs.Where(p => !p.Indexed).ToList();
        var firstTopic = e.Anonymous ? 0 : 1;
        var topicCount = firstTopic + indexed.Count;
        var dataExprs = DecodeExpressions(data, "s_data", "data");
        var exprs = new List<string>();
        var logTopics = new List<string>();
        if (!e.Anonymous)
            logTopics.Add("Topic0");
        int topic = firstTopic, next = 0, indexedPos = 0;
        for (var i = 0; i < e.Inputs.Count; i++)
        {
            var p = e.Inputs[i];
            if (!p.Indexed)
            {
                exprs.Add(dataExprs[next++]);
                continue;
            }
            // One stack buffer serves every topic: each argument is read before the next topic is copied in.
            var slot = Abi + "AbiWord.Topic(topics, " + topic++ + ", buffer)";
            // Non-word indexed values are stored as a keccak hash; the record keeps that hash (Hash32).
            exprs.Add(p.Type.IsWord ? _types.ReadWord(p.Type, slot) : "topics[" + (topic - 1) + "]");
            logTopics.Add(p.Type.IsWord
                ? "new " + Hash32 + "(" + Abi + "AbiTopics.Encode(s_indexed[" + indexedPos + "], " + _types.ToObject(p.Type, props[i]) + "))"
                : props[i]);
            indexedPos++;
        }
        var recordParams = e.Inputs.Select((p, i) => (p.Indexed && !p.Type.IsWord ? Hash32 : _types.CsType(p.Type)) + " " + props[i]);
        var topic0 = Hash(e.Signature);
        var dataProps = e.Inputs.Select((p, i) => (p, i)).Where(x => !x.p.Indexed).Select(x => props[x.i]).ToList();
        _w.Line()
          .Line("/// <summary>Event <c>" + e.Signature + "</c>" + (e.Anonymous ? " (anonymous)" : "") + ".</summary>")
          .Open("public sealed record " + name + (e.Inputs.Count == 0 ? "" : "(" + string.Join(", ", recordParams) + ")"))
          .Line("public const string Signature = " + CodeWriter.Literal(e.Signature) + ";")
          .Line("public const string Topic0Hex = \"" + Hex(topic0) + "\";")
          .Line("public static readonly " + Hash32 + " Topic0 = " + Hash32 + ".Parse(Topic0Hex);")
          .Line("private static readonly " + Abi + "AbiType[] s_indexed = " + TypeArray(indexed) + ";")
          .Line("private static readonly " + Abi + "AbiType[] s_data = " + TypeArray(data) + ";")
          .Line()
          .Line("public static bool IsMatch(" + Topics + " topics) =>")
          .Line("    topics != null && topics.Count == " + topicCount + (e.Anonymous ? ";" : " && topics[0] == Topic0;"))
          .Line()
          .Open("public static bool TryDecode(" + Topics + " topics, " + Span + " data, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + name + "? value)")
          .Line("value = null;")
          .Line("if (!IsMatch(topics))")
          .Line("    return false;")
          .Line("try { value = DecodeCore(topics, data); return true; }")
          .Line("catch (" + Abi + "AbiException) { return false; }")
          .Close()
          .Line()
          .Line("public static bool TryDecode(" + LogEntry + " log, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + name + "? value) =>")
          .Line("    TryDecode(log.Topics, log.Data, out value);")
          .Line()
          .Line("public static " + name + " Decode(" + Topics + " topics, " + Span + " data) => IsMatch(topics)")
          .Line("    ? DecodeCore(topics, data)")
          .Line("    : throw new " + Abi + "AbiException(\"log does not match \" + Signature);")
          .Line()
          .Open("private static " + name + " DecodeCore(" + Topics + " topics, " + Span + " data)");
        if (indexed.Any(p => p.Type.IsWord))
            _w.Line("global::System.Span<byte> buffer = stackalloc byte[32];");
        _w.Line("return new " + name + "(" + (exprs.Count == 0 ? ");" : ""));
        if (exprs.Count > 0)
            _w.Line("    " + string.Join(",\n    ", exprs) + ");");
        _w.Close();
        _w.Line()
          .Line("/// <summary>The topics and data a contract would emit for this event (for mocks, tests and filters).</summary>")
          .Line("public (" + Hash32 + "[] Topics, byte[] Data) ToLog() => (")
          .Line("    new " + Hash32 + "[] { " + string.Join(", ", logTopics) + " },")
          .Line("    " + Abi + "AbiEncoder.Encode(s_data, " + ObjectArray(data, dataProps) + "));")
          .Close();
        return name;
    }

    private void EmitLogDispatch(IReadOnlyList<string> events)
    {
        _w.Line()
          .Line("/// <summary>Decodes a log of any event of this contract into its record, or null if none matches.</summary>")
          .Open("public static object? DecodeLog(" + Topics + " topics, " + Span + " data)");
        for (var i = 0; i < events.Count; i++)
            _w.Line("if (" + events[i] + ".TryDecode(topics, data, out var e" + i + ")) return e" + i + ";");
        _w.Line("return null;").Close()
          .Line()
          .Line("/// <summary>Decodes an RPC log of any event of this contract, or null if none matches.</summary>")
          .Line("public static object? DecodeLog(" + LogEntry + " log) => DecodeLog(log.Topics, log.Data);");
    }
}
