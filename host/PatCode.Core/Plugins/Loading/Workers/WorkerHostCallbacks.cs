using Microsoft.Extensions.Logging;
using PatCode.Core.Plugins.Loading.Workers.Protocol;
using PatCode.Sdk;
using StreamJsonRpc;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>
/// What a worker's plugin calls back into PatCode for: its cache partition, its telemetry and its logger. They
/// land in the same services as an in-process plugin's, scoped to the plugin. Telemetry and log calls are
/// notifications (no answer to wait for); a bad one is logged and dropped, never fatal to the host.
/// </summary>
internal sealed class WorkerHostCallbacks(IPluginServices services, ILogger logger, ILogger hostLogger)
{
    [JsonRpcMethod(WorkerProtocol.CacheGet)]
    public async Task<string?> CacheGetAsync(string key, CancellationToken cancellationToken) =>
        await services.Cache.GetAsync(key, cancellationToken);

    [JsonRpcMethod(WorkerProtocol.CacheSet)]
    public async Task CacheSetAsync(WorkerCacheEntry entry, CancellationToken cancellationToken) =>
        await services.Cache.SetAsync(entry.Key, entry.Value, entry.TimeToLiveMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, cancellationToken);

    [JsonRpcMethod(WorkerProtocol.CacheRemove)]
    public async Task<bool> CacheRemoveAsync(string key, CancellationToken cancellationToken) =>
        await services.Cache.RemoveAsync(key, cancellationToken);

    [JsonRpcMethod(WorkerProtocol.TelemetryIncrement)]
    public void Increment(string name, long delta) => Guard(() => services.Telemetry.Increment(name, delta));

    [JsonRpcMethod(WorkerProtocol.TelemetryGauge)]
    public void SetGauge(string name, double value) => Guard(() => services.Telemetry.SetGauge(name, value));

    [JsonRpcMethod(WorkerProtocol.TelemetryDuration)]
    public void RecordDuration(string name, double milliseconds) => Guard(() => services.Telemetry.RecordDuration(name, TimeSpan.FromMilliseconds(milliseconds)));

    [JsonRpcMethod(WorkerProtocol.TelemetryEvent)]
    public void RecordEvent(WorkerTelemetryEvent entry) =>
        Guard(() => services.Telemetry.RecordEvent(entry.Name, entry.Level, entry.Metadata is null ? null : WorkerValues.FromWire(entry.Metadata)));

    [JsonRpcMethod(WorkerProtocol.Log)]
    public void Log(WorkerLogEntry entry)
    {
        // The plugin's own lines go to its category; the worker's lines about it go to PatCode's plugin log.
        var target = entry.Category == WorkerLogCategories.Host ? hostLogger : logger;
        var level = Enum.IsDefined((LogLevel)entry.Level) ? (LogLevel)entry.Level : LogLevel.Information;
        if (entry.Exception is null)
        {
            target.Log(level, "{Message}", entry.Message);
        }
        else
        {
            target.Log(level, "{Message}\n{Exception}", entry.Message, entry.Exception);
        }
    }

    private void Guard(Action call)
    {
        try
        {
            call();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            logger.LogWarning(e, "Telemetry from the plugin's worker was refused");
        }
    }
}
