namespace PatCode.Telemetry.Aggregation;

/// <summary>The tags a series was first seen with, kept as given so the hot-path comparison is by reference.</summary>
internal sealed class SeriesEntry(KeyValuePair<string, object?>[] tags, MetricSeries series)
{
    public MetricSeries Series { get; } = series;

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other)
    {
        if (other.Length != tags.Length)
        {
            return false;
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (!SameTag(tags[i], other[i]))
            {
                return false;
            }
        }

        return true;
    }

    public bool SameSet(KeyValuePair<string, object?>[] other) =>
        other.Length == tags.Length && other.All(o => tags.Any(t => SameTag(t, o)));

    private static bool SameTag(KeyValuePair<string, object?> a, KeyValuePair<string, object?> b) =>
        (ReferenceEquals(a.Key, b.Key) || string.Equals(a.Key, b.Key, StringComparison.Ordinal))
        && (ReferenceEquals(a.Value, b.Value) || (a.Value is not null && a.Value.Equals(b.Value)));
}
