using System.Net;
using System.Text;

namespace CrossMargin.Ethereum.Tests.Rpc;

/// <summary>
/// Minimal scripted HTTP endpoint for retry tests: each request is answered by the responder with the
/// 0-based request index and the body, so a test can say "429 twice, then a result".
/// </summary>
internal sealed class StubRpcServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<int, string, CancellationToken, Task<(int Status, string Body)>> _responder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requestCount;

    public StubRpcServer(Func<int, string, CancellationToken, Task<(int Status, string Body)>> responder)
    {
        _responder = responder;
        var port = LoopbackPort.Free();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public StubRpcServer(Func<int, string, (int Status, string Body)> responder)
        : this((i, body, _) => Task.FromResult(responder(i, body)))
    {
    }

    public Uri Url { get; }

    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>A JSON-RPC success echoing the request's id (single, non-batch requests).</summary>
    public static string Reply(string requestBody, string resultJson) =>
        $$"""{"jsonrpc":"2.0","id":{{IdOf(requestBody)}},"result":{{resultJson}}}""";

    public static string ReplyError(string requestBody, int code, string message) =>
        $$$"""{"jsonrpc":"2.0","id":{{{IdOf(requestBody)}}},"error":{"code":{{{code}}},"message":"{{{message}}}"}}""";

    public static long IdOf(string requestBody)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(requestBody);
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }
        _listener.Close();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var index = Interlocked.Increment(ref _requestCount) - 1;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var (status, responseBody) = await _responder(index, body, _stop.Token);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(responseBody);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Client gave up (timeout test) or server stopping.
        }
    }
}
