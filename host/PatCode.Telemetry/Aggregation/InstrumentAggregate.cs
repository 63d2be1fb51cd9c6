using System.Globalization;

namespace PatCode.Telemetry.Aggregation;

/// <summary>
/// Everything aggregated for one instrument, passed to the MeterListener as the instrument's state so a
/// measurement goes straight here. Series are found by a linear scan of an immutable array comparing tags
/// by reference first: no allocation, no lock, a few nanoseconds for the handful of tag sets an instrument
/// has. A new tag set takes the lock once and publishes a copied array.
/// </summary>
internal sealed class InstrumentAggregate(string meter, string name, InstrumentKind kind, string? unit, string? description, SeriesBudget budget)
{
    private readonly SeriesBudget _budget = budget;
    private readonly Lock _gate = new();
    private volatile SeriesEntry[] _entries = [];

    public string Meter { get; } = meter;

    public string Name { get; } = name;

    public InstrumentKind Kind { get; } = kind;

    public string? Unit { get; } = unit;

    public string? Description { get; } = description;

    public void Record(long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Kind is InstrumentKind.Counter or InstrumentKind.UpDownCounter)
        {
            // Whole-number sums are kept apart from the double ones, so they stay exact however large they grow.
            Find(tags)?.Add(measurement);
        }
        else
        {
            Record((double)measurement, tags);
        }
    }

    public void Record(double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = Find(tags);
        if (series is null)
        {
            return;
        }

        switch (Kind)
        {
            case InstrumentKind.Counter or InstrumentKind.UpDownCounter:
                series.Add(measurement);
                break;
            case InstrumentKind.Histogram:
                series.Record(measurement);
                break;
            default:
                series.Set(measurement);
                break;
        }
    }

    public IEnumerable<MetricPoint> Points()
    {
        var distinct = new HashSet<MetricSeries>(ReferenceEqualityComparer.Instance);
        foreach (var entry in _entries)
        {
            if (!distinct.Add(entry.Series))
            {
                continue;
            }

            var series = entry.Series;
            if (Kind == InstrumentKind.Histogram)
            {
                var distribution = series.Distribution()!;
                if (distribution.Count > 0)
                {
                    yield return new MetricPoint(Meter, Name, Kind, Unit, series.Tags, null, distribution);
                }
            }
            else if (Kind.Sums())
            {
                yield return new MetricPoint(Meter, Name, Kind, Unit, series.Tags, series.Sum, null);
            }
            else if (series.Last is { } last)
            {
                yield return new MetricPoint(Meter, Name, Kind, Unit, series.Tags, last, null);
            }
        }
    }

    public int SeriesCount => _entries.Length;

    public void Reset()
    {
        foreach (var entry in _entries)
        {
            entry.Series.Reset();
        }
    }

    private MetricSeries? Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var entries = _entries;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Matches(tags))
            {
                return entries[i].Series;
            }
        }

        return AddSeries(tags);
    }

    private MetricSeries? AddSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            var entries = _entries;
            foreach (var entry in entries)
            {
                if (entry.Matches(tags))
                {
                    return entry.Series;
                }
            }

            var copy = tags.ToArray();

            // The same tags in another order are the same series: alias it rather than splitting the numbers.
            var series = entries.FirstOrDefault(e => e.SameSet(copy))?.Series;
            if (series is null)
            {
                if (!_budget.TryTake(Kind == InstrumentKind.Histogram))
                {
                    return null;
                }

                var text = copy.ToDictionary(t => t.Key, t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
                series = new MetricSeries(text, Kind == InstrumentKind.Histogram);
            }

            _entries = [.. entries, new SeriesEntry(copy, series)];
            return series;
        }
    }
}
