using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CrossMargin.Ethereum.Generators.Tests;

/// <summary>Drives the generator in-process for behaviour that a compiled project cannot show (diagnostics, filtering).</summary>
public sealed class GeneratorDriverTests
{
    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private static GeneratorDriverRunResult Run(params AdditionalText[] files)
    {
        var compilation = CSharpCompilation.Create("t", options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create([new AbiBindingGenerator().AsSourceGenerator()], additionalTexts: ImmutableArray.Create(files));
        return driver.RunGenerators(compilation).GetRunResult();
    }

    [Fact]
    public void MalformedJson_ReportsDiagnostic()
    {
        var result = Run(new InMemoryText("/p/abi/Broken.json", "{ \"abi\": [ { \"type\": \"function\", "));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("CMABI001", diagnostic.Id);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void UnsupportedType_ReportsDiagnostic()
    {
        var json = """{ "contractName": "X", "abi": [ { "type": "function", "name": "f", "inputs": [ { "name": "a", "type": "fixed128x18" } ], "outputs": [] } ] }""";
        Assert.Equal("CMABI001", Assert.Single(Run(new InMemoryText("/p/abi/X.json", json)).Diagnostics).Id);
    }

    [Fact]
    public void OnlyJsonInAbiFolder_IsConsumed()
    {
        const string json = """{ "contractName": "Y", "abi": [], "bytecode": "0x" }""";
        var result = Run(new InMemoryText("/p/other/Y.json", json), new InMemoryText("/p/abi/Y.txt", json), new InMemoryText("/p/abi/Y.json", json));
        var tree = Assert.Single(result.GeneratedTrees);
        Assert.Contains("namespace CrossMargin.Contracts", tree.ToString(), StringComparison.Ordinal);
        Assert.Contains("public static partial class YContract", tree.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateContractNames_ReportDiagnostic()
    {
        const string json = """{ "contractName": "Z", "abi": [] }""";
        var result = Run(new InMemoryText("/p/abi/Z.json", json), new InMemoryText("/q/abi/Z.json", json));
        Assert.Equal("CMABI002", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void AwkwardNames_GenerateCompilableCode()
    {
        // Keywords, empty names, names colliding with generated members, overloaded events, untyped tuples.
        const string json = """
        { "contractName": "W", "abi": [
          { "type": "event", "name": "E", "anonymous": true, "inputs": [ { "name": "class", "type": "uint8", "indexed": true }, { "name": "", "type": "bytes", "indexed": false } ] },
          { "type": "event", "name": "E", "anonymous": false, "inputs": [ { "name": "signature", "type": "string", "indexed": false }, { "name": "topic0", "type": "bytes32", "indexed": true } ] },
          { "type": "error", "name": "Err", "inputs": [ { "name": "selector", "type": "bytes4" }, { "name": "_x", "type": "int24[3]" } ] },
          { "type": "function", "name": "event", "inputs": [ { "name": "params", "type": "tuple", "components": [ { "name": "a", "type": "uint" }, { "name": "", "type": "tuple[]", "components": [ { "name": "b", "type": "bool" } ] } ] } ],
            "outputs": [ { "name": "", "type": "int64" }, { "name": "", "type": "address[2]" } ] }
        ] }
        """;
        var result = Run(new InMemoryText("/p/abi/W.json", json));
        Assert.Empty(result.Diagnostics);
        var source = Assert.Single(result.GeneratedTrees).ToString();
        Assert.Contains("public sealed record E_uint8_bytesEvent(byte Class, byte[] Arg2)", source, StringComparison.Ordinal);
        Assert.Contains("topics.Count == 1;", source, StringComparison.Ordinal);

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(CrossMargin.Ethereum.Abi.AbiType).Assembly.Location));
        var compilation = CSharpCompilation.Create("w", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
