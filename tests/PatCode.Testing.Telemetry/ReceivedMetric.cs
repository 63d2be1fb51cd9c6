using PatCode.Testing.Telemetry.Proto;

namespace PatCode.Testing.Telemetry;

/// <summary>One decoded metric and its instrumentation scope (the meter).</summary>
public sealed record ReceivedMetric(Metric Metric, string Scope, string ScopeVersion)
{
    public string Name => Metric.Name;

    /// <summary>The attribute sets of its data points, as .NET values.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> PointAttributes() => Metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => [.. Metric.Sum.DataPoints.Select(p => Attributes.Of(p.Attributes))],
        Metric.DataOneofCase.Gauge => [.. Metric.Gauge.DataPoints.Select(p => Attributes.Of(p.Attributes))],
        Metric.DataOneofCase.Histogram => [.. Metric.Histogram.DataPoints.Select(p => Attributes.Of(p.Attributes))],
        _ => [],
    };
}
