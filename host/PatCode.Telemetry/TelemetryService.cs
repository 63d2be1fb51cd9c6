using Microsoft.Extensions.Logging;
using PatCode.Core.Commands;
using PatCode.Core.Configuration;
using PatCode.Sdk;
using PatCode.Telemetry.Aggregation;
using PatCode.Telemetry.Commands;
using PatCode.Telemetry.Events;
using PatCode.Telemetry.Exporters;
using PatCode.Telemetry.Plugins;
using PatCode.Telemetry.Tracing;

namespace PatCode.Telemetry;

/// <summary>
/// PatCode's telemetry: listens to the "PatCode" meter and activity source (and every plugin's and the
/// GenAI client's), aggregates in memory for /telemetry, keeps recent events and spans, hands plugins their
/// scoped <see cref="IPluginTelemetry"/>, and runs the OTLP / Prometheus exporters when configured.
/// Create one per process at start-up and dispose it at exit: that flushes the exporters, within
/// telemetry.exitFlushSeconds in all.
/// </summary>
public sealed class TelemetryService : IPluginTelemetryFactory, IDisposable
{
    /// <summary>Where events from the host itself (not a plugin) are attributed.</summary>
    public const string HostSource = "host";

    private readonly TimeProvider _timeProvider;
    private readonly MetricsAggregator? _metrics;
    private readonly EventLog? _events;
    private readonly SpanRecorder? _spans;
    private readonly TelemetryExporters? _exporters;
    private readonly long _startedTimestamp;
    private int _disposed;

    internal TelemetryService(TelemetrySettings settings, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        Settings = settings;
        _timeProvider = timeProvider;
        StartedAt = timeProvider.GetUtcNow();
        _startedTimestamp = timeProvider.GetTimestamp();
        if (!settings.Enabled)
        {
            return;
        }

        var logger = loggerFactory.CreateLogger("PatCode.Telemetry");
        _metrics = new MetricsAggregator(settings.MaxMetrics);
        _events = new EventLog(settings.MaxMetrics, timeProvider, logger);
        _spans = new SpanRecorder(settings.MaxMetrics);
        _exporters = TelemetryExporters.Start(settings, logger);
        foreach (var problem in _exporters.Problems)
        {
            _events.Record(HostSource, "telemetry.exporter_failed", TelemetryLevel.Warning, new Dictionary<string, object?> { ["problem"] = problem });
        }
    }

    /// <summary>Whether telemetry is on (telemetry.enabled / TELEMETRY_ENABLED).</summary>
    public bool Enabled => Settings.Enabled;

    /// <summary>The active exporters, one line each; empty when nothing leaves the machine.</summary>
    public IReadOnlyList<string> Exporters => _exporters?.Descriptions ?? [];

    /// <summary>Exporters that were configured but could not start, one line each (what and how to fix); the host shows them as warnings.</summary>
    public IReadOnlyList<string> StartupProblems => _exporters?.Problems ?? [];

    public DateTimeOffset StartedAt { get; }

    /// <summary>
    /// Whether model-call spans carry prompts and answers (redacted): telemetry.captureContent, and telemetry on.
    /// Pass it to <see cref="PatCodeTelemetryChatClientBuilderExtensions.UsePatCodeTelemetry"/>.
    /// </summary>
    public bool CapturesMessageContent => Settings.Enabled && Settings.CaptureContent;

    internal TelemetrySettings Settings { get; }

    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>Creates the service from the loaded configuration (which must include <see cref="TelemetryConfigKeys.All"/>).</summary>
    public static TelemetryService Create(PatCodeConfiguration configuration, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new TelemetryService(TelemetrySettings.From(configuration), loggerFactory, timeProvider);
    }

    /// <inheritdoc/>
    public IScopedPluginTelemetry ForPlugin(string pluginName) =>
        _events is null ? new NullPluginTelemetry(pluginName) : new PluginTelemetry(pluginName, _events);

    /// <summary>Records an event of the host's (e.g. "plugin.load_failed"); metadata is redacted and kept as text.</summary>
    public void RecordEvent(string name, TelemetryLevel level = TelemetryLevel.Info, IReadOnlyDictionary<string, object?>? metadata = null, string source = HostSource) =>
        _events?.Record(source, name, level, metadata);

    /// <summary>The <c>telemetry</c> command (/telemetry in the REPL, <c>patcode telemetry</c> on the command line).</summary>
    public IHostCommand CreateCommand() => new TelemetryCommand(this, () => Environment.CurrentDirectory);

    /// <summary>Pushes pending spans and metrics to the configured exporters.</summary>
    public void Flush() => _exporters?.Flush();

    /// <summary>Forgets the in-memory metrics, events and spans; exporters are not affected.</summary>
    public void Clear()
    {
        _metrics?.Reset();
        _events?.Clear();
        _spans?.Clear();
    }

    internal IReadOnlyList<MetricPoint> Metrics() => _metrics?.Snapshot() ?? [];

    internal IReadOnlyList<TelemetryEvent> Events() => _events?.All() ?? [];

    internal IReadOnlyList<SpanRecord> Spans() => _spans?.All() ?? [];

    internal TelemetryStats Stats()
    {
        var events = Events();
        int info = 0, warning = 0, error = 0;
        foreach (var e in events)
        {
            switch (e.Level)
            {
                case TelemetryLevel.Warning:
                    warning++;
                    break;
                case TelemetryLevel.Error:
                    error++;
                    break;
                default:
                    info++;
                    break;
            }
        }

        return new TelemetryStats(
            Enabled,
            StartedAt,
            _timeProvider.GetElapsedTime(_startedTimestamp),
            _metrics?.InstrumentCount ?? 0,
            _metrics?.SeriesCount ?? 0,
            _metrics?.MaxSeries ?? 0,
            _metrics?.RefusedMeasurements ?? 0,
            events.Count,
            _events?.Recorded ?? 0,
            _events?.Capacity ?? 0,
            info,
            warning,
            error,
            (int)Math.Min(_spans?.Recorded ?? 0, _spans?.Capacity ?? 0),
            _spans?.Recorded ?? 0,
            Exporters);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _exporters?.Shutdown(Settings.ExitFlushTimeout);
        _spans?.Dispose();
        _metrics?.Dispose();
    }
}
