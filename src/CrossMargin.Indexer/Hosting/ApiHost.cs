using CrossMargin.Indexer.Api;
using CrossMargin.Indexer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace CrossMargin.Indexer.Hosting;

/// <summary>
/// The query API on Kestrel (127.0.0.1): accounts, markets, liquidations, prices, stats, health/readiness, Prometheus
/// metrics and the OpenAPI document at /openapi/v1.json. Pass the in-process indexer's <see cref="IndexerStatus"/>
/// for readiness and lag; without one (`crossmargin serve` on its own) readiness means "a checkpoint exists".
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<ApiHost> StartAsync(ApiOptions options, IndexerStatus? status = null, ILoggerFactory? loggerFactory = null, CancellationToken ct = default)
    {
        var db = options.ReadOnly ? IndexerDatabase.ReadOnly(options.ConnectionString) : new IndexerDatabase(options.ConnectionString);
        if (options.ReadOnly)
            await Migrator.RequireCurrentAsync(db, ct).ConfigureAwait(false);
        else
            await Migrator.MigrateAsync(db, ct).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
            builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(new ApiContext(db, status));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapAccounts();
        app.MapMarkets();
        app.MapLiquidations();
        app.MapPrices();
        app.MapStatus();
        app.MapMetrics("/metrics", (status ?? new IndexerStatus()).Registry);

        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app) { Url = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)) };
    }

    public Task StopAsync(CancellationToken ct = default) => _app.StopAsync(ct);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
