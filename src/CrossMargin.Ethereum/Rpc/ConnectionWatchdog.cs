namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// Detects half-dead sockets, which TCP alone may not notice for minutes: after IdleTimeout without any
/// inbound frame it pings with eth_blockNumber. No answer within PingTimeout ⇒ abort (the supervisor
/// reconnects). An answer whose head is past what a newHeads subscription has delivered, on two pings in a
/// row, means the node dropped our subscription ⇒ abort too; reconnect + backfill repairs the stream.
/// Two in a row, because one ping can legitimately overtake a notification that is still in flight.
/// </summary>
internal sealed class ConnectionWatchdog(WebSocketClientOptions options, Func<ISubscriptionState[]> subscriptions)
{
    public async Task RunAsync(WebSocketConnection connection, CancellationToken ct)
    {
        var time = options.TimeProvider;
        var period = options.IdleTimeout / 2 > TimeSpan.FromMilliseconds(1) ? options.IdleTimeout / 2 : TimeSpan.FromMilliseconds(1);
        var behindCount = 0;
        try
        {
            while (true)
            {
                await Task.Delay(period, time, ct).ConfigureAwait(false);
                if (time.GetElapsedTime(connection.LastMessageTimestamp) < options.IdleTimeout)
                    continue;

                ulong head;
                using (var timeout = new CancellationTokenSource(options.PingTimeout, time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token))
                {
                    try
                    {
                        head = await connection.SendAsync(EthRequests.BlockNumber(), linked.Token).ConfigureAwait(false);
                    }
                    catch (JsonRpcException)
                    {
                        continue; // the node answered, so the socket is alive
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested && ex is JsonRpcTransportException or OperationCanceledException)
                    {
                        connection.Abort();
                        return;
                    }
                }

                behindCount = subscriptions().Any(s => s.IsBehind(head)) ? behindCount + 1 : 0;
                if (behindCount >= 2)
                {
                    connection.Abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Connection ended or client disposed.
        }
    }
}
