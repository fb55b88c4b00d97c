using System.Buffers.Binary;

namespace CrossMargin.Ethereum.Tests.Rpc;

/// <summary>Hand-assembled EVM bytecode for tests (no compiler needed).</summary>
internal static class EvmPrograms
{
    /// <summary>Init code that returns <paramref name="runtime"/> as the deployed code.</summary>
    public static byte[] Deployable(byte[] runtime)
    {
        if (runtime.Length > 255)
            throw new ArgumentException("PUSH1 lengths only", nameof(runtime));
        var len = (byte)runtime.Length;
        byte[] init =
        [
            0x60, len,  // PUSH1 len
            0x60, 0x0c, // PUSH1 12 (offset of runtime = size of this init code)
            0x60, 0x00, // PUSH1 0
            0x39,       // CODECOPY(dest 0, offset 12, len)
            0x60, len,  // PUSH1 len
            0x60, 0x00, // PUSH1 0
            0xf3,       // RETURN(0, len)
        ];
        return [.. init, .. runtime];
    }

    /// <summary>Runtime that always reverts with a 4-byte custom error selector and no arguments.</summary>
    public static byte[] RevertWithSelector(uint selector)
    {
        var s = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(s, selector);
        return
        [
            0x63, s[0], s[1], s[2], s[3], // PUSH4 selector
            0x60, 0xe0, 0x1b,             // PUSH1 224 SHL -> selector in the top 4 bytes
            0x60, 0x00, 0x52,             // MSTORE at 0
            0x60, 0x04, 0x60, 0x00, 0xfd, // REVERT(0, 4)
        ];
    }

    /// <summary>Runtime for a bare <c>revert()</c> with empty data.</summary>
    public static byte[] BareRevert() => [0x60, 0x00, 0x60, 0x00, 0xfd];

    /// <summary>Runtime that emits LOG1(topic) with the calldata as log data, then stops.</summary>
    public static byte[] EmitLog1(byte[] topic)
    {
        if (topic.Length != 32)
            throw new ArgumentException("topic must be 32 bytes", nameof(topic));
        return
        [
            0x36, 0x60, 0x00, 0x60, 0x00, 0x37, // CALLDATACOPY(0, 0, CALLDATASIZE)
            0x7f, .. topic,                     // PUSH32 topic
            0x36, 0x60, 0x00,                   // CALLDATASIZE, PUSH1 0
            0xa1,                               // LOG1(offset 0, size, topic)
            0x00,                               // STOP
        ];
    }
}
