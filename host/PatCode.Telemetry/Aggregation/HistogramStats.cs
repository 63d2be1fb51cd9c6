namespace PatCode.Telemetry.Aggregation;

/// <summary>A timer's or histogram's distribution; percentiles are within ~1.6% (see <see cref="LogLinearBuckets"/>).</summary>
internal sealed record HistogramStats(long Count, double Sum, double Min, double Max, double Average, double P50, double P95, double P99);
