using System.Globalization;
using PatCode.Core.Diagnostics;
using PatCode.Telemetry.Aggregation;

namespace PatCode.Telemetry.Commands;

/// <summary>
/// The built-in metrics summed up in a few lines above the tables: chat turns and tokens, time to first token,
/// cache hit rate, chain time and plugin failures/timeouts. Lines without data are left out.
/// </summary>
internal static class TelemetryHighlights
{
    public static IEnumerable<string> Describe(IReadOnlyList<MetricPoint> points)
    {
        var turns = Sum(points, InstrumentNames.ChatTurns);
        var tokensIn = Sum(points, InstrumentNames.ChatTokens, "direction", "input");
        var tokensOut = Sum(points, InstrumentNames.ChatTokens, "direction", "output");
        var ttft = Merged(points, InstrumentNames.ChatTimeToFirstToken);
        var speed = Merged(points, InstrumentNames.ChatTokensPerSecond);
        if (turns > 0 || tokensIn > 0 || tokensOut > 0 || ttft is not null)
        {
            var line = $"Chat: {N(turns)} turns, {N(tokensIn)} tokens in, {N(tokensOut)} out";
            if (ttft is not null)
            {
                line += $", first token p50 {Ms(ttft.Value.P50)} ms (p95 {Ms(ttft.Value.P95)})";
            }

            if (speed is not null)
            {
                line += $", {N(speed.Value.Average)} tokens/s";
            }

            yield return line;
        }

        var exact = Sum(points, InstrumentNames.CacheLookups, "result", "exact");
        var near = Sum(points, InstrumentNames.CacheLookups, "result", "near");
        var miss = Sum(points, InstrumentNames.CacheLookups, "result", "miss");
        var lookups = exact + near + miss;
        if (lookups > 0)
        {
            yield return $"Cache: {N(exact)} hits, {N(near)} near hits, {N(miss)} misses ({N(100 * (exact + near) / lookups)}% answered from cache)";
        }

        if (Merged(points, InstrumentNames.ChainDuration) is { } chain)
        {
            yield return $"Plugin chain: {N(chain.Count)} runs, p50 {Ms(chain.P50)} ms, p95 {Ms(chain.P95)} ms, max {Ms(chain.Max)} ms";
        }

        var troubled = points
            .Where(p => p.Name == InstrumentNames.PluginExecutions && p.Tags.TryGetValue("outcome", out var o) && o is "failure" or "timeout" && p.Value > 0)
            .GroupBy(p => p.Tags.GetValueOrDefault("plugin") ?? "?")
            .Select(g => $"{g.Key} ({string.Join(", ", g.OrderBy(p => p.Tags["outcome"], StringComparer.Ordinal).Select(p => $"{N(p.Value ?? 0)} {(p.Tags["outcome"] == "failure" ? "failed" : "timed out")}"))})")
            .ToList();
        if (troubled.Count > 0)
        {
            yield return "Plugins with problems: " + string.Join("; ", troubled);
        }
    }

    private static double Sum(IReadOnlyList<MetricPoint> points, string name, string? tag = null, string? value = null) =>
        points.Where(p => p.Name == name && p.Meter == PatCodeDiagnostics.Name && (tag is null || p.Tags.GetValueOrDefault(tag) == value)).Sum(p => p.Value ?? 0);

    /// <summary>One distribution across tag sets (e.g. all models); percentiles of the largest series stand in, the rest are exact.</summary>
    private static (long Count, double Average, double P50, double P95, double Max)? Merged(IReadOnlyList<MetricPoint> points, string name)
    {
        var series = points.Where(p => p.Name == name && p.Meter == PatCodeDiagnostics.Name && p.Distribution is { Count: > 0 }).Select(p => p.Distribution!).ToList();
        if (series.Count == 0)
        {
            return null;
        }

        var count = series.Sum(s => s.Count);
        var largest = series.MaxBy(s => s.Count)!;
        return (count, series.Sum(s => s.Sum) / count, largest.P50, largest.P95, series.Max(s => s.Max));
    }

    /// <summary>Durations are recorded in seconds; people read these lines in milliseconds.</summary>
    private static string Ms(double seconds) => N(seconds * 1000);

    private static string N(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
