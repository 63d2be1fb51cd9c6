using PatCode.Caching;

namespace PatCode.Benchmarks.Caching;

/// <summary>
/// cache.near_recall_pct: 2,000 stored prompts, each queried with a variant at word-pair Jaccard 0.85–0.90; the share
/// that come back as the stored answer. Also queries 2,000 variants below Jaccard 0.7: any hit there is a false hit,
/// reported as cache.near_false_hits and failing the run.
/// </summary>
internal sealed class CacheRecallFigureSource : IFigureSource
{
    private const int Pairs = 2000;

    public IReadOnlyList<string> Names { get; } = ["cache.near_recall_pct", "cache.near_false_hits"];

    public IEnumerable<Figure> Measure()
    {
        var prompts = new SyntheticPrompts(seed: 4);
        var sentences = Enumerable.Range(0, Pairs).Select(_ => prompts.Sentence(prompts.Sentence(1)[0].Length * 4 + 12)).ToList();
        var path = SyntheticPrompts.TemporaryDatabase("recall");
        try
        {
            using var cache = SyntheticPrompts.Fill(path, sentences.Select(s => string.Join(' ', s)).ToList());
            var found = 0;
            var falseHits = 0;
            for (var i = 0; i < Pairs; i++)
            {
                var close = prompts.Variant(sentences[i], 0.85, 0.90);
                if (cache.GetAsync(SyntheticPrompts.Request(close.Text)).Wait()?.Text == SyntheticPrompts.Answer(i))
                {
                    found++;
                }

                var far = prompts.Variant(sentences[i], 0.3, 0.7);
                if (cache.GetAsync(SyntheticPrompts.Request(far.Text)).Wait() is not null)
                {
                    falseHits++;
                }
            }

            Console.WriteLine($"cache recall: {found}/{Pairs} variants at Jaccard 0.85-0.90 found; {falseHits}/{Pairs} false hits below 0.7");
            if (falseHits > 0)
            {
                throw new InvalidOperationException($"FALSE HITS: {falseHits} lookups below Jaccard 0.7 returned a cached answer");
            }

            yield return new Figure("cache.near_recall_pct", Math.Round(100.0 * found / Pairs, 2), "%");
            yield return new Figure("cache.near_false_hits", falseHits, "count");
        }
        finally
        {
            SyntheticPrompts.DeleteDatabase(path);
        }
    }
}
