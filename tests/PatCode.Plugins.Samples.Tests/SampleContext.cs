using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Sdk;

namespace PatCode.Plugins.Samples.Tests;

/// <summary>A hand-written context with an in-memory cache and counting telemetry.</summary>
internal sealed class SampleContext(string input, string workingDirectory) : PluginContext, IPluginServices, IResponseCache, IPluginTelemetry
{
    private readonly List<ContextSection> _sections = [];

    public ConcurrentDictionary<string, string> CacheEntries { get; } = new();

    public ConcurrentDictionary<string, long> Counters { get; } = new();

    public override string Input => input;

    public override string WorkingDirectory => workingDirectory;

    public override IReadOnlyList<ConversationMessage> Conversation => [];

    public override IReadOnlyList<ContextFile> Files => [];

    public override IReadOnlyList<ContextSection> Sections => _sections;

    public override IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>();

    public override IPluginServices Services => this;

    public override ILogger Logger => NullLogger.Instance;

    public IResponseCache Cache => this;

    public IPluginTelemetry Telemetry => this;

    public override void AddSection(string title, string content) => _sections.Add(new ContextSection("sample", title, content));

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) => ValueTask.FromResult(CacheEntries.TryGetValue(key, out var v) ? v : null);

    public ValueTask SetAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        CacheEntries[key] = value;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) => ValueTask.FromResult(CacheEntries.TryRemove(key, out _));

    public void Increment(string name, long delta = 1) => Counters.AddOrUpdate(name, delta, (_, v) => v + delta);

    public void SetGauge(string name, double value) => Counters[name] = (long)value;

    public void RecordDuration(string name, TimeSpan elapsed) => Increment("duration:" + name);

    public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null) => Increment("event:" + name);
}
