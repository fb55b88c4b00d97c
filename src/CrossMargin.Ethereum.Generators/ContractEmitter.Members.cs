using System.Collections.Generic;
using System.Linq;

namespace CrossMargin.Ethereum.Generators;

/// <summary>Functions, custom errors and structs.</summary>
internal sealed partial class ContractEmitter
{
    private static readonly string[] RecordMembers = { "EqualityContract", "Equals", "GetHashCode", "ToString", "Deconstruct", "PrintMembers", "GetType" };

    private void EmitFunction(AbiEntry f, string baseName)
    {
        var name = Names.Unique(baseName + "Function", _typeNames);
        var args = ArgumentNames(f.Inputs);
        _w.Line()
          .Line("/// <summary><c>" + f.Signature + "</c>.</summary>")
          .Open("public static class " + name)
          .Line("public const string Signature = " + CodeWriter.Literal(f.Signature) + ";")
          .Line("public const uint Selector = " + SelectorLiteral(f.Signature) + ";")
          .Line("private static readonly " + Abi + "AbiType[] s_inputs = " + TypeArray(f.Inputs) + ";")
          .Line("private static readonly " + Abi + "AbiType[] s_outputs = " + TypeArray(f.Outputs) + ";")
          .Line()
          .Line("/// <summary>Call data: selector followed by the encoded arguments.</summary>")
          .Line("public static byte[] Encode(" + ParameterList(f.Inputs) + ") =>")
          .Line("    " + Abi + "AbiEncoder.EncodeCall(Selector, s_inputs, " + ObjectArray(f.Inputs, args) + ");");
        var decoded = DecodeExpressions(f.Outputs, "s_outputs", "data");
        if (f.Outputs.Count == 1)
        {
            _w.Line()
              .Line("public static " + _types.CsType(f.Outputs[0].Type) + " DecodeResult(" + Span + " data) =>")
              .Line("    " + decoded[0] + ";");
        }
        else if (f.Outputs.Count > 1)
        {
            var props = PropertyNames(f.Outputs, "Item", RecordMembers.Concat(new[] { "Result" }));
            _w.Line()
              .Line(RecordHeader("Result", f.Outputs, props) + ";")
              .Line()
              .Line("public static Result DecodeResult(" + Span + " data) => new Result(")
              .Line("    " + string.Join(",\n    ", decoded) + ");");
        }
        _w.Close();
    }

    private string EmitError(AbiEntry e, string baseName)
    {
        var name = Names.Unique(baseName, _typeNames);
        var props = PropertyNames(e.Inputs, "Arg", RecordMembers.Concat(new[] { name, "Signature", "Selector", "TryDecode", "Decode", "DecodeArgs", "Encode" }));
        var decoded = DecodeExpressions(e.Inputs, "s_types", "args");
        _w.Line()
          .Line("/// <summary>Custom error <c>" + e.Signature + "</c>.</summary>")
          .Open(RecordHeader(name, e.Inputs, props))
          .Line("public const string Signature = " + CodeWriter.Literal(e.Signature) + ";")
          .Line("public const uint Selector = " + SelectorLiteral(e.Signature) + ";")
          .Line("private static readonly " + Abi + "AbiType[] s_types = " + TypeArray(e.Inputs) + ";")
          .Line()
          .Line("public static bool IsMatch(" + Span + " revertData) =>")
          .Line("    revertData.Length >= 4 && global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(revertData) == Selector;")
          .Line()
          .Open("public static bool TryDecode(" + Span + " revertData, [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out " + name + "? error)")
          .Line("error = null;")
          .Line("if (!IsMatch(revertData))")
          .Line("    return false;")
          .Line("try { error = DecodeArgs(revertData.Slice(4)); return true; }")
          .Line("catch (" + Abi + "AbiException) { return false; }")
          .Close()
          .Line()
          .Line("public static " + name + " Decode(" + Span + " revertData) => IsMatch(revertData)")
          .Line("    ? DecodeArgs(revertData.Slice(4))")
          .Line("    : throw new " + Abi + "AbiException(\"revert data is not \" + Signature);")
          .Line()
          .Line("private static " + name + " DecodeArgs(" + Span + " args) => new " + name + "(" + (decoded.Count == 0 ? ");" : ""));
        if (decoded.Count > 0)
            _w.Line("    " + string.Join(",\n    ", decoded) + ");");
        _w.Line()
          .Line("/// <summary>The revert data a contract would return (for mocks and tests).</summary>")
          .Line("public byte[] Encode() => " + Abi + "AbiEncoder.EncodeCall(Selector, s_types, " + ObjectArray(e.Inputs, props) + ");")
          .Close();
        return name;
    }

    private void EmitErrorDispatch(IReadOnlyList<string> errors)
    {
        _w.Line()
          .Line("/// <summary>Custom error names by selector.</summary>")
          .Line("public static readonly global::System.Collections.Generic.IReadOnlyDictionary<uint, string> ErrorNames =")
          .Line("    new global::System.Collections.Generic.Dictionary<uint, string> { " + string.Join(", ", errors.Select(e => "[" + e + ".Selector] = " + e + ".Signature")) + " };")
          .Line()
          .Line("/// <summary>A custom error record of this contract, or an AbiRevert RevertReason (Error(string), Panic, empty, unknown).</summary>")
          .Open("public static object DecodeError(" + Span + " revertData)");
        if (errors.Count > 0)
        {
            _w.Open("switch (revertData.Length >= 4 ? global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(revertData) : 0u)");
            for (var i = 0; i < errors.Count; i++)
                _w.Line("case " + errors[i] + ".Selector: if (" + errors[i] + ".TryDecode(revertData, out var e" + i + ")) return e" + i + "; break;");
            _w.Close();
        }
        _w.Line("return " + Abi + "AbiRevert.Decode(revertData);").Close();
    }

    private void EmitStruct(string name, SolType tuple)
    {
        var props = PropertyNames(tuple.Components, "Item", RecordMembers.Concat(new[] { name, "FromAbi", "ToAbi" }));
        var fields = tuple.Components.Select((c, i) => _types.FromObject(c.Type, "f[" + i + "]")).ToList();
        _w.Line()
          .Line("/// <summary>Solidity struct / tuple <c>" + tuple.Canonical + "</c>.</summary>")
          .Open(RecordHeader(name, tuple.Components, props))
          .Open("internal static " + name + " FromAbi(object value)")
          .Line("var f = (object[])value;")
          .Line("return new " + name + "(" + string.Join(", ", fields) + ");")
          .Close()
          .Line()
          .Line("internal object?[] ToAbi() => " + ObjectArray(tuple.Components, props) + ";")
          .Close();
    }
}
