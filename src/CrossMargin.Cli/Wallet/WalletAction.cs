using System.CommandLine;
using CrossMargin.Cli.Commands;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Cli.Options;

namespace CrossMargin.Cli.Wallet;

/// <summary>
/// Runs a wallet command body with its session and turns every expected failure into one "error: …" line on the
/// error stream and exit code 1: bad input, reverts (decoded to the contract's named error with its numbers),
/// an unreachable node. Unexpected exceptions keep their stack trace (exit code from System.CommandLine).
/// The body writes through a <see cref="CliConsole"/> on the invocation's output.
/// </summary>
internal static class WalletAction
{
    public static void Set(Command command, WalletOptions options, Func<WalletCommandContext, Task<int>> body)
    {
        options.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            WalletSession? session = null;
            try
            {
                var settings = options.Read(parse);
                try
                {
                    session = await WalletSession.OpenAsync(settings, PasswordPrompt.Read, ct);
                }
                catch (Exception e) when (e is JsonRpcTransportException or HttpRequestException)
                {
                    throw new WalletException($"cannot reach the node at {settings.RpcUrl} (is `./crossmargin up` running? else pass --rpc-url)");
                }
                return await body(new WalletCommandContext(parse, session, parse.InvocationConfiguration.Output, CliConsole.Create(parse.InvocationConfiguration.Output), ct));
            }
            catch (Exception e) when (e is WalletException or UsageException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return 1;
            }
            catch (ContractRevertException e) when (session is not null)
            {
                await error.WriteLineAsync($"error: {RevertMessages.Describe(e, session.Registry)}");
                return 1;
            }
            catch (JsonRpcException e)
            {
                // E.g. "insufficient funds for gas": the node's own words, which name the problem.
                await error.WriteLineAsync($"error: the node refused the request: {e.Message}" + (e.Message.Contains("funds", StringComparison.OrdinalIgnoreCase) ? " (devnet: crossmargin faucet --asset ETH --amount 10)" : ""));
                return 1;
            }
            finally
            {
                session?.Dispose();
            }
        });
    }
}
