using System.Globalization;
using PatCode.Caching;
using PatCode.Chat.Commands;

namespace PatCode.Cli.Composition;

/// <summary>The cache line of <c>/stats</c>: entries, hits and hit rate; <c>/cache</c> has the full statistics.</summary>
internal sealed class CacheStatsContributor(Lazy<ResponseCache> cache) : IChatStatsContributor
{
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> DescribeAsync(CancellationToken cancellationToken)
    {
        var stats = await cache.Value.GetStatisticsAsync(cancellationToken);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{stats.Entries} entries, {stats.ExactHits} exact and {stats.NearHits} near hits, {stats.Misses} misses ({stats.HitRate:P0} hit rate)");
        return [new("cache", line)];
    }
}
