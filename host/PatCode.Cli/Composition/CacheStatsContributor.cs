using System.Globalization;
using PatCode.Caching;
using PatCode.Chat.Commands;

namespace PatCode.Cli.Composition;

/// <summary>The cache lines of <c>/stats</c>: entries, hit rate and what the hits saved.</summary>
internal sealed class CacheStatsContributor(Lazy<ResponseCache> cache) : IChatStatsContributor
{
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> DescribeAsync(CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        if (!cache.Value.IsEnabled)
        {
            return [new("cache", "off (cache.enabled)")];
        }

        var stats = await cache.Value.GetStatisticsAsync(cancellationToken);
        return
        [
            new("cache", $"{stats.Backend}, {stats.Entries.ToString(c)} entries"),
            new("cache hits", $"{stats.ExactHits.ToString(c)} exact, {stats.NearHits.ToString(c)} near, {stats.Misses.ToString(c)} misses ({stats.HitRate.ToString("P0", c)})"),
            new("cache saved", $"{stats.TokensSaved.ToString(c)} tokens, {stats.ModelTimeSaved.TotalSeconds.ToString("0.0", c)} s of model time"),
        ];
    }
}
