using System.Globalization;
using Microsoft.Extensions.Logging;
using PatCode.Sdk;
using PatCode.Core.Security;

namespace PatCode.Telemetry.Events;

/// <summary>Keeps the latest events, up to telemetry.maxMetrics, redacting their metadata on the way in.</summary>
internal sealed partial class EventLog(int capacity, TimeProvider timeProvider, ILogger logger)
{
    private readonly RingBuffer<TelemetryEvent> _events = new(capacity);

    public int Capacity => _events.Capacity;

    public long Recorded => _events.Written;

    public void Record(string source, string name, TelemetryLevel level, IReadOnlyDictionary<string, object?>? metadata)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                // Turned into text now so an unloaded plugin's objects are never kept alive by the log.
                var rendered = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                text[key] = SecretRedactor.RedactValue(key, rendered);
            }
        }

        var recorded = new TelemetryEvent(timeProvider.GetUtcNow(), source, SecretRedactor.Redact(name), level, text);
        _events.Add(recorded);
        LogRecorded(logger, recorded.Source, recorded.Name, recorded.Level);
    }

    public List<TelemetryEvent> All() => _events.ToList();

    public void Clear() => _events.Clear();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telemetry event {Source}/{Name} ({Level})")]
    private static partial void LogRecorded(ILogger logger, string source, string name, TelemetryLevel level);
}
