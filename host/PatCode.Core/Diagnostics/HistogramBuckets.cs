using System.Diagnostics.Metrics;

namespace PatCode.Core.Diagnostics;

/// <summary>
/// Bucket boundaries for the exported histograms. OpenTelemetry's defaults (0 to 10 000) suit milliseconds;
/// in seconds they would put every measurement in the first bucket.
/// </summary>
public static class HistogramBuckets
{
    /// <summary>500 µs to 2 minutes: plugin runs and the chain at the low end, model answers at the high end.</summary>
    public static InstrumentAdvice<double> Seconds { get; } = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    };

    /// <summary>Generation speed of local models, 1 to 1000 tokens per second.</summary>
    public static InstrumentAdvice<double> TokensPerSecond { get; } = new()
    {
        HistogramBucketBoundaries = [1, 2.5, 5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000],
    };
}
