namespace CrossMargin.Cli.Options;

/// <summary>An option or environment value the shared binders cannot use; the message names it (never a secret) and is shown as is.</summary>
internal sealed class UsageException(string message) : Exception(message);
