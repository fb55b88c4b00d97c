using System.Numerics;

namespace CrossMargin.Ethereum.Abi;

/// <summary>Decodes revert data: Error(string), Panic(uint256), or a custom error from a contract ABI.</summary>
public static class AbiRevert
{
    public const string ErrorSignature = "Error(string)";
    public const string PanicSignature = "Panic(uint256)";

    /// <summary>0x08c379a0.</summary>
    public static readonly uint ErrorSelector = AbiSignature.Selector(ErrorSignature);

    /// <summary>0x4e487b71.</summary>
    public static readonly uint PanicSelector = AbiSignature.Selector(PanicSignature);

    /// <summary>Never throws: malformed data yields <see cref="RevertKind.Unknown"/>.</summary>
    public static RevertReason Decode(ReadOnlySpan<byte> revertData, ContractAbi? abi = null)
    {
        var raw = revertData.ToArray();
        if (raw.Length == 0)
            return new RevertReason(RevertKind.Empty, raw);
        if (!AbiSignature.TryReadSelector(raw, out var selector))
            return new RevertReason(RevertKind.Unknown, raw);
        try
        {
            var args = revertData[4..];
            if (selector == ErrorSelector)
                return new RevertReason(RevertKind.Error, raw, message: (string)AbiDecoder.Decode(AbiType.String, args));
            if (selector == PanicSelector)
            {
                var code = (BigInteger)AbiDecoder.Decode(AbiType.UInt256, args);
                return new RevertReason(RevertKind.Panic, raw, message: PanicCodes.Describe(code), panicCode: code);
            }
            if (abi is not null && abi.TryGetError(selector, out var error))
                return new RevertReason(RevertKind.Custom, raw, error: error, values: error.Decode(revertData));
        }
        catch (AbiException)
        {
            // Fall through: a selector match with a malformed body is still an unknown revert.
        }
        return new RevertReason(RevertKind.Unknown, raw);
    }

    public static byte[] EncodeError(string message) => AbiEncoder.EncodeCall(ErrorSelector, [AbiType.String], [message]);

    public static byte[] EncodePanic(BigInteger code) => AbiEncoder.EncodeCall(PanicSelector, [AbiType.UInt256], [code]);
}
