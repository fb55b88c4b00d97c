namespace CrossMargin.Ethereum.Rpc;

/// <summary>A block selector: a number or one of the tags latest/pending/safe/finalized/earliest.</summary>
public readonly record struct BlockParameter
{
    private readonly string? _tag;

    private BlockParameter(string? tag, ulong number)
    {
        _tag = tag;
        Number = number;
    }

    public static BlockParameter Latest { get; } = new("latest", 0);

    public static BlockParameter Pending { get; } = new("pending", 0);

    public static BlockParameter Safe { get; } = new("safe", 0);

    public static BlockParameter Finalized { get; } = new("finalized", 0);

    public static BlockParameter Earliest { get; } = new("earliest", 0);

    /// <summary>The block number when this is not a tag (default(BlockParameter) is block 0).</summary>
    public ulong Number { get; }

    public bool IsTag => _tag is not null;

    public static BlockParameter At(ulong number) => new(null, number);

    public static implicit operator BlockParameter(ulong number) => At(number);

    /// <summary>The JSON-RPC wire form: the tag or a hex quantity.</summary>
    public override string ToString() => _tag ?? Primitives.Quantity.Encode(Number);
}
