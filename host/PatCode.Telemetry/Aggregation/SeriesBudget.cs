namespace PatCode.Telemetry.Aggregation;

/// <summary>
/// Caps how many series the aggregator keeps, so a tag with unbounded values cannot grow memory without
/// limit: all series together at telemetry.maxMetrics, histogram series (14 KB each) at 1000.
/// </summary>
internal sealed class SeriesBudget(int maxSeries)
{
    public const int MaxHistogramSeries = 1000;

    private int _series;
    private int _histograms;
    private long _refused;

    public int MaxSeries { get; } = maxSeries;

    /// <summary>Measurements dropped because their series did not fit.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public bool TryTake(bool histogram)
    {
        if (Volatile.Read(ref _series) >= MaxSeries || (histogram && Volatile.Read(ref _histograms) >= Math.Min(MaxSeries, MaxHistogramSeries)))
        {
            Interlocked.Increment(ref _refused);
            return false;
        }

        Interlocked.Increment(ref _series);
        if (histogram)
        {
            Interlocked.Increment(ref _histograms);
        }

        return true;
    }
}
