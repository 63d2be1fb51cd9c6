using System.Diagnostics;
using System.Diagnostics.Metrics;
using PatCode.Core.Diagnostics;

namespace PatCode.Caching.Diagnostics;

/// <summary>The cache's metric and span, on the host's shared Meter and ActivitySource.</summary>
internal static class CacheInstruments
{
    public static readonly Counter<long> Lookups = PatCodeDiagnostics.Meter.CreateCounter<long>(
        InstrumentNames.CacheLookups, unit: "{lookup}", description: "Response cache lookups, by result (exact, near, miss).");

    public static Activity? StartLookup(string partition)
    {
        var activity = PatCodeDiagnostics.ActivitySource.StartActivity(InstrumentNames.CacheLookupSpan);
        activity?.SetTag("patcode.cache.partition", partition);
        return activity;
    }

    public static void RecordLookup(Activity? activity, string result, string partitionKind)
    {
        Lookups.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("partition", partitionKind));
        activity?.SetTag("patcode.cache.result", result);
    }
}
