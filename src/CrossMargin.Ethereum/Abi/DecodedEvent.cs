namespace CrossMargin.Ethereum.Abi;

/// <summary>
/// A decoded log in declaration order. Indexed parameters of dynamic type (string, bytes, arrays,
/// tuples) cannot be recovered from topics: their value is the 32-byte keccak hash as byte[].
/// </summary>
public sealed class DecodedEvent
{
    internal DecodedEvent(EventDescriptor @event, object[] values)
    {
        Event = @event;
        Values = values;
    }

    public EventDescriptor Event { get; }

    public IReadOnlyList<object> Values { get; }

    /// <summary>Value of the parameter called <paramref name="name"/>.</summary>
    public object this[string name]
    {
        get
        {
            for (var i = 0; i < Event.Inputs.Count; i++)
            {
                if (Event.Inputs[i].Name == name)
                    return Values[i];
            }
            throw new KeyNotFoundException($"event {Event.Name} has no parameter '{name}'");
        }
    }
}
