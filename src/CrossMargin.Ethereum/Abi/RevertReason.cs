using System.Numerics;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Abi;

/// <summary>Decoded revert data; see <see cref="AbiRevert.Decode"/>.</summary>
public sealed class RevertReason
{
    internal RevertReason(RevertKind kind, byte[] rawData, string? message = null, BigInteger? panicCode = null, ErrorDescriptor? error = null, object[]? values = null)
    {
        Kind = kind;
        RawData = rawData;
        Message = message;
        PanicCode = panicCode;
        Error = error;
        Values = values ?? [];
    }

    public RevertKind Kind { get; }

    public byte[] RawData { get; }

    /// <summary>The Error(string) message, or the panic's description.</summary>
    public string? Message { get; }

    public BigInteger? PanicCode { get; }

    /// <summary>The matched custom error, for <see cref="RevertKind.Custom"/>.</summary>
    public ErrorDescriptor? Error { get; }

    /// <summary>Custom error arguments in declaration order.</summary>
    public IReadOnlyList<object> Values { get; }

    /// <summary>The custom error's name, "Error", "Panic", or null.</summary>
    public string? Name => Kind switch
    {
        RevertKind.Custom => Error!.Name,
        RevertKind.Error => "Error",
        RevertKind.Panic => "Panic",
        _ => null,
    };

    /// <summary>Custom error argument by parameter name.</summary>
    public object this[string name]
    {
        get
        {
            var inputs = Error?.Inputs ?? [];
            for (var i = 0; i < inputs.Count; i++)
            {
                if (inputs[i].Name == name)
                    return Values[i];
            }
            throw new KeyNotFoundException($"revert reason has no parameter '{name}'");
        }
    }

    public override string ToString() => Kind switch
    {
        RevertKind.Empty => "reverted without data",
        RevertKind.Error => $"Error(\"{Message}\")",
        RevertKind.Panic => $"Panic({PanicCodes.ToHex(PanicCode!.Value)}: {Message})",
        RevertKind.Custom => $"{Error!.Name}({string.Join(", ", Values.Select(Format))})",
        _ => $"unknown revert {Hex.Encode(RawData)}",
    };

    private static string Format(object value) => value switch
    {
        byte[] bytes => Hex.Encode(bytes),
        object[] items => "[" + string.Join(", ", items.Select(Format)) + "]",
        string s => "\"" + s + "\"",
        _ => value.ToString() ?? "",
    };
}
