namespace CrossMargin.Ethereum.Primitives;

/// <summary>Rounding modes with OpenZeppelin 5 <c>Math.Rounding</c> meaning.</summary>
public enum Rounding
{
    /// <summary>Toward negative infinity.</summary>
    Floor,

    /// <summary>Toward positive infinity.</summary>
    Ceil,

    /// <summary>Toward zero.</summary>
    Trunc,

    /// <summary>Away from zero.</summary>
    Expand,
}
