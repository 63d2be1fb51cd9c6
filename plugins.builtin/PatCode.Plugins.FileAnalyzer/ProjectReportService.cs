using PatCode.Sdk;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>
/// Produces the report for a folder, reusing a cached one when the tree's fingerprint is unchanged.
/// Shared by the chain step and the <c>/analyze</c> command.
/// </summary>
internal sealed class ProjectReportService(AnalyzerLimits limits)
{
    /// <summary>The key already changes with the tree; the TTL only bounds how long stale keys linger.</summary>
    public static readonly TimeSpan CacheTimeToLive = TimeSpan.FromHours(12);

    public async Task<string> GetReportAsync(string root, IPluginServices services, CancellationToken cancellationToken)
    {
        using (services.Telemetry.StartTimer("analyze"))
        {
            var walk = await Task.Run(() => TreeWalker.Walk(root, limits, cancellationToken), cancellationToken);
            services.Telemetry.SetGauge("files", walk.Files.Count);
            var key = ProjectAnalyzer.Fingerprint(walk, limits);
            if (await services.Cache.GetAsync(key, cancellationToken) is { } cached)
            {
                services.Telemetry.Increment("cache_hits");
                return cached;
            }

            services.Telemetry.Increment("cache_misses");
            var analysis = await Task.Run(() => ProjectAnalyzer.Analyze(walk, limits, cancellationToken), cancellationToken);
            var report = ProjectReportFormatter.Format(analysis, limits);
            await services.Cache.SetAsync(key, report, CacheTimeToLive, cancellationToken);
            return report;
        }
    }
}
