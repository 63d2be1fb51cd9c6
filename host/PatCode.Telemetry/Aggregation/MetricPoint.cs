namespace PatCode.Telemetry.Aggregation;

/// <summary>One series of one instrument as /telemetry shows it: a sum, a last value, or a distribution.</summary>
internal sealed record MetricPoint(
    string Meter,
    string Name,
    InstrumentKind Kind,
    string? Unit,
    IReadOnlyDictionary<string, string> Tags,
    double? Value,
    HistogramStats? Distribution)
{
    public string TagText => Tags.Count == 0 ? "" : string.Join(",", Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
}
