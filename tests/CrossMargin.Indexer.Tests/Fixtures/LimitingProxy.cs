using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>
/// A JSON-RPC proxy in front of anvil that behaves like a hosted provider: eth_getLogs over more than
/// <c>maxSpan</c> blocks is refused with Infura's -32005 "query returned more than 10000 results. Try with this
/// block range [0x…, 0x…]" (suggesting <c>suggestedSpan</c> blocks). eth_getLogs starting above <see cref="HoldAbove"/>
/// is held until the bound is raised or the caller goes away (the crash test parks an indexer at a chosen block).
/// Everything else is forwarded as is.
/// </summary>
internal sealed class LimitingProxy(Uri upstream, ulong maxSpan, ulong suggestedSpan) : IAsyncDisposable
{
    private static readonly HttpClient Http = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _raised = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _holdAbove = ulong.MaxValue;
    private WebApplication? _app;
    private int _refused;
    private int _held;

    public int Refused => Volatile.Read(ref _refused);

    /// <summary>eth_getLogs requests waiting at the <see cref="HoldAbove"/> bound right now.</summary>
    public int Held => Volatile.Read(ref _held);

    public ulong HoldAbove
    {
        get
        {
            lock (_gate)
                return _holdAbove;
        }
        set
        {
            lock (_gate)
            {
                _holdAbove = value;
                _raised.TrySetResult();
                _raised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public Uri Url { get; private set; } = null!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapPost("/", HandleAsync);
        await _app.StartAsync();
        Url = new Uri(_app.Urls.First());
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        var calls = request is JsonArray a ? a.ToList() : [request];
        var refused = new Dictionary<string, JsonNode>();
        foreach (var call in calls)
        {
            if ((string?)call!["method"] != "eth_getLogs")
                continue;
            var filter = call["params"]![0]!;
            var from = Hex((string)filter["fromBlock"]!);
            var to = Hex((string)filter["toBlock"]!);
            await HoldAsync(from, context.RequestAborted);
            if (to - from + 1 > maxSpan)
            {
                Interlocked.Increment(ref _refused);
                var message = $"query returned more than 10000 results. Try with this block range [0x{from:x}, 0x{from + suggestedSpan - 1:x}].";
                refused[call["id"]!.ToJsonString()] = new JsonObject
                {
                    ["jsonrpc"] = "2.0",
                    ["id"] = call["id"]!.DeepClone(),
                    ["error"] = new JsonObject { ["code"] = -32005, ["message"] = message },
                };
            }
        }
        var forward = calls.Where(c => !refused.ContainsKey(c!["id"]!.ToJsonString())).ToList();
        var answers = new List<JsonNode>();
        if (forward.Count > 0)
        {
            var body = request is JsonArray ? new JsonArray(forward.Select(f => f!.DeepClone()).ToArray()).ToJsonString() : forward[0]!.ToJsonString();
            using var response = await Http.PostAsync(upstream, new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            answers.AddRange(answer is JsonArray arr ? arr.Select(x => x!.DeepClone()) : [answer]);
        }
        answers.AddRange(refused.Values);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(request is JsonArray ? new JsonArray(answers.ToArray()).ToJsonString() : answers[0].ToJsonString());
    }

    private async Task HoldAsync(ulong from, CancellationToken aborted)
    {
        while (true)
        {
            Task raised;
            lock (_gate)
            {
                if (from <= _holdAbove)
                    return;
                raised = _raised.Task;
            }
            Interlocked.Increment(ref _held);
            try
            {
                await raised.WaitAsync(aborted);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }
    }

    private static ulong Hex(string s) => ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
