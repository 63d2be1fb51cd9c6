using System.Diagnostics;
using System.Globalization;
using PatCode.Telemetry.Events;
using PatCode.Core.Security;

namespace PatCode.Telemetry.Tracing;

/// <summary>
/// The in-process side of tracing: samples PatCode's activity sources (the host's, plugins', GenAI's) so
/// chat turns, chains, plugins, cache lookups and model calls become spans, and keeps the latest finished
/// ones for /telemetry export. Exporters, when configured, see the same spans through their own listener.
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    public const int MaxSpans = 1000;

    private readonly ActivityListener _listener;
    private readonly RingBuffer<SpanRecord> _spans;

    public SpanRecorder(int capacity)
    {
        _spans = new RingBuffer<SpanRecord>(Math.Min(capacity, MaxSpans));
        _listener = new ActivityListener
        {
            ShouldListenTo = static source => TelemetryNames.IsPatCodeSource(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Recorded => _spans.Written;

    public int Capacity => _spans.Capacity;

    public List<SpanRecord> All() => _spans.ToList();

    public void Clear() => _spans.Clear();

    public void Dispose() => _listener.Dispose();

    private void OnStopped(Activity activity)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in activity.TagObjects)
        {
            tags[key] = SecretRedactor.RedactValue(key, Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        var status = activity.Status switch
        {
            ActivityStatusCode.Error => string.IsNullOrEmpty(activity.StatusDescription) ? "error" : "error: " + SecretRedactor.Redact(activity.StatusDescription),
            ActivityStatusCode.Ok => "ok",
            _ => "unset",
        };
        _spans.Add(new SpanRecord(
            SecretRedactor.Redact(activity.DisplayName),
            activity.Source.Name,
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            new DateTimeOffset(activity.StartTimeUtc, TimeSpan.Zero),
            activity.Duration.TotalMilliseconds,
            status,
            tags));
    }
}
