using CrossMargin.Contracts;

namespace CrossMargin.Cli.Compare;

/// <summary>The three margin modes, in table order.</summary>
internal enum CompareMode
{
    Isolated = MarginMode.Isolated,
    Cross = MarginMode.Cross,
    Portfolio = MarginMode.Portfolio,
}
