using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Caching;

namespace PatCode.Benchmarks.Caching;

/// <summary>cache.open_100k_ms: the median of five opens of a 100k-entry cache (index load included), each a fresh connection.</summary>
internal sealed class CacheOpenFigureSource : IFigureSource
{
    private const int Entries = 100_000;

    public IReadOnlyList<string> Names { get; } = ["cache.open_100k_ms"];

    public IEnumerable<Figure> Measure()
    {
        var prompts = new SyntheticPrompts(seed: 3);
        var path = SyntheticPrompts.TemporaryDatabase("open");
        try
        {
            SyntheticPrompts.Fill(path, Enumerable.Range(0, Entries).Select(_ => prompts.Prompt(30)).ToList()).Dispose();
            var timings = new List<double>();
            for (var run = 0; run < 6; run++)
            {
                var stopwatch = Stopwatch.StartNew();
                using var cache = ResponseCacheFactory.Create(new CacheOptions { MaxEntries = 1_000_000 }, path, NullLoggerFactory.Instance, TimeProvider.System);
                stopwatch.Stop();
                if (!cache.IsEnabled || cache.Warnings.Count > 0)
                {
                    throw new InvalidOperationException("the 100k cache did not open cleanly: " + string.Join(" ", cache.Warnings));
                }

                // The first open warms the file cache and the JIT; it is not counted.
                if (run > 0)
                {
                    timings.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }

            timings.Sort();
            yield return new Figure("cache.open_100k_ms", Math.Round(timings[timings.Count / 2], 1), "ms");
        }
        finally
        {
            SyntheticPrompts.DeleteDatabase(path);
        }
    }
}
