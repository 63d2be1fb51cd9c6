namespace PatCode.Telemetry.Aggregation;

/// <summary>
/// The running aggregate of one instrument for one set of tags. Written lock-free from any thread:
/// counters with one Interlocked add, histograms with a bucket increment, a CAS on the sum and a CAS on
/// min/max only when they move. Reads are not atomic across fields; a snapshot taken during writes can
/// be off by the measurements in flight, which /telemetry tolerates.
/// </summary>
internal sealed class MetricSeries
{
    private readonly long[]? _buckets;
    private long _longSum;
    private double _doubleSum;
    private double _last;
    private long _updates;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public MetricSeries(IReadOnlyDictionary<string, string> tags, bool histogram)
    {
        Tags = tags;
        _buckets = histogram ? new long[LogLinearBuckets.Count] : null;
    }

    public IReadOnlyDictionary<string, string> Tags { get; }

    public void Add(long delta) => Interlocked.Add(ref _longSum, delta);

    public void Add(double delta) => AddDouble(ref _doubleSum, delta);

    public void Set(double value)
    {
        Volatile.Write(ref _last, value);
        Interlocked.Increment(ref _updates);
    }

    public void Record(double value)
    {
        if (double.IsNaN(value))
        {
            // A NaN would poison the sum, min and max for good.
            return;
        }

        Interlocked.Increment(ref _buckets![LogLinearBuckets.IndexOf(value)]);
        AddDouble(ref _doubleSum, value);
        if (value < Volatile.Read(ref _min))
        {
            StoreMin(value);
        }

        if (value > Volatile.Read(ref _max))
        {
            StoreMax(value);
        }
    }

    public double Sum => Interlocked.Read(ref _longSum) + Volatile.Read(ref _doubleSum);

    public double? Last => Interlocked.Read(ref _updates) == 0 ? null : Volatile.Read(ref _last);

    public HistogramStats? Distribution()
    {
        if (_buckets is null)
        {
            return null;
        }

        var counts = new long[_buckets.Length];
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _buckets[i]);
            total += counts[i];
        }

        if (total == 0)
        {
            return new HistogramStats(0, 0, 0, 0, 0, 0, 0, 0);
        }

        var min = Volatile.Read(ref _min);
        var max = Volatile.Read(ref _max);
        var sum = Volatile.Read(ref _doubleSum);
        return new HistogramStats(
            total,
            sum,
            min,
            max,
            sum / total,
            Percentile(counts, total, 0.50, min, max),
            Percentile(counts, total, 0.95, min, max),
            Percentile(counts, total, 0.99, min, max));
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _longSum, 0);
        Interlocked.Exchange(ref _doubleSum, 0);
        Interlocked.Exchange(ref _updates, 0);
        Interlocked.Exchange(ref _min, double.PositiveInfinity);
        Interlocked.Exchange(ref _max, double.NegativeInfinity);
        if (_buckets is not null)
        {
            for (var i = 0; i < _buckets.Length; i++)
            {
                Interlocked.Exchange(ref _buckets[i], 0);
            }
        }
    }

    /// <summary>Nearest-rank percentile: the midpoint of the bucket holding the rank-th sample, kept within [min, max].</summary>
    private static double Percentile(long[] counts, long total, double quantile, double min, double max)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                var estimate = i == 0 ? min : i == counts.Length - 1 ? max : LogLinearBuckets.Midpoint(i);
                return Math.Clamp(estimate, min, max);
            }
        }

        return max;
    }

    private static void AddDouble(ref double target, double delta)
    {
        var current = Volatile.Read(ref target);
        while (true)
        {
            var observed = Interlocked.CompareExchange(ref target, current + delta, current);
            if (observed.Equals(current))
            {
                return;
            }

            current = observed;
        }
    }

    private void StoreMin(double value)
    {
        var current = Volatile.Read(ref _min);
        while (value < current)
        {
            var observed = Interlocked.CompareExchange(ref _min, value, current);
            if (observed.Equals(current))
            {
                return;
            }

            current = observed;
        }
    }

    private void StoreMax(double value)
    {
        var current = Volatile.Read(ref _max);
        while (value > current)
        {
            var observed = Interlocked.CompareExchange(ref _max, value, current);
            if (observed.Equals(current))
            {
                return;
            }

            current = observed;
        }
    }
}
