using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CrossMargin.Ethereum.Generators;

/// <summary>
/// Generates typed contract bindings from AdditionalFiles named <c>abi/*.json</c> (any .json file whose
/// directory is called "abi"). Namespace: MSBuild property CrossMarginAbiNamespace (made visible with
/// CompilerVisibleProperty), default <c>CrossMargin.Contracts</c>.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AbiBindingGenerator : IIncrementalGenerator
{
    public const string DefaultNamespace = "CrossMargin.Contracts";

    private static readonly DiagnosticDescriptor InvalidAbi = new DiagnosticDescriptor(
        "CMABI001", "Invalid ABI file", "Cannot generate bindings from '{0}': {1}", "CrossMargin.Abi", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor DuplicateContract = new DiagnosticDescriptor(
        "CMABI002", "Duplicate contract", "Contract binding '{0}' from '{1}' was already generated from another ABI file", "CrossMargin.Abi", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var ns = context.AnalyzerConfigOptionsProvider.Select((options, _) =>
            options.GlobalOptions.TryGetValue("build_property.CrossMarginAbiNamespace", out var value) && !string.IsNullOrWhiteSpace(value)
                ? value.Trim()
                : DefaultNamespace);

        var files = context.AdditionalTextsProvider
            .Where(f => IsAbiFile(f.Path))
            .Select((f, ct) => (Path: f.Path, Text: f.GetText(ct)?.ToString() ?? ""));

        // Output is (path, class name, source, error): plain strings, so incremental caching compares by value.
        var outputs = files.Combine(ns).Select((input, _) => Generate(input.Left.Path, input.Left.Text, input.Right));

        // Collected so duplicate contract names become a diagnostic rather than a generator crash.
        context.RegisterSourceOutput(outputs.Collect(), (spc, results) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in results)
            {
                if (r.Error != null)
                    spc.ReportDiagnostic(Diagnostic.Create(InvalidAbi, Location.None, r.Path, r.Error));
                else if (!seen.Add(r.ClassName))
                    spc.ReportDiagnostic(Diagnostic.Create(DuplicateContract, Location.None, r.ClassName, r.Path));
                else
                    spc.AddSource(r.ClassName + ".g.cs", SourceText.From(r.Source, System.Text.Encoding.UTF8));
            }
        });
    }

    internal static (string Path, string ClassName, string Source, string? Error) Generate(string path, string text, string ns)
    {
        try
        {
            var model = ContractReader.Read(path, text);
            var (className, source) = ContractEmitter.Emit(model, ns, "abi/" + Path.GetFileName(path));
            return (path, className, source, null);
        }
        catch (Exception e) when (e is FormatException || e is OverflowException || e is InvalidCastException || e is ArgumentException)
        {
            return (path, "", "", e.Message);
        }
    }

    private static bool IsAbiFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && string.Equals(Path.GetFileName(Path.GetDirectoryName(path)), "abi", StringComparison.OrdinalIgnoreCase);
}
