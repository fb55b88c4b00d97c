namespace CrossMargin.Ethereum.Abi;

/// <summary>List conversions between the general codec's object[] values and typed lists; used by generated bindings.</summary>
public static class AbiConvert
{
    public static IReadOnlyList<T> ToList<T>(object value, Func<object, T> convert)
    {
        ArgumentNullException.ThrowIfNull(convert);
        if (value is not object[] items)
            throw new AbiException($"expected an array value, got {AbiAddress.Describe(value)}");
        var result = new T[items.Length];
        for (var i = 0; i < items.Length; i++)
            result[i] = convert(items[i]);
        return result;
    }

    public static object?[] FromList<T>(IReadOnlyList<T> list, Func<T, object?> convert)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(convert);
        var result = new object?[list.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = convert(list[i]);
        return result;
    }
}
