using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Caching;
using PatCode.Caching.Keys;
using PatCode.Caching.Similarity;
using PatCode.Caching.Storage;

namespace PatCode.Benchmarks.Caching;

/// <summary>Deterministic prompts of letter-only words, and caches filled with them, for the cache's figures.</summary>
internal sealed class SyntheticPrompts
{
    private readonly Random _random;
    private readonly string[] _vocabulary;

    public SyntheticPrompts(int seed)
    {
        _random = new Random(seed);
        _vocabulary = Enumerable.Range(0, 5000).Select(_ => Word()).Distinct().ToArray();
    }

    public static ChatCacheRequest Request(string prompt) => new() { Model = "bench-model", Messages = [new CacheMessage("user", prompt)] };

    public List<string> Sentence(int words) => Enumerable.Range(0, words).Select(_ => _vocabulary[_random.Next(_vocabulary.Length)]).ToList();

    public string Prompt(int words) => string.Join(' ', Sentence(words));

    /// <summary>A variant of <paramref name="words"/> whose word-pair Jaccard with it lies in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public (string Text, double Similarity) Variant(List<string> words, double low, double high)
    {
        var original = PromptShingler.Analyze(string.Join(' ', words)).Shingles;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var variant = new List<string>(words);
            var similarity = 1.0;
            while (similarity >= high)
            {
                var at = _random.Next(variant.Count);
                switch (_random.Next(3))
                {
                    case 0:
                        variant[at] = _vocabulary[_random.Next(_vocabulary.Length)];
                        break;
                    case 1:
                        variant.Insert(at, _vocabulary[_random.Next(_vocabulary.Length)]);
                        break;
                    default:
                        variant.RemoveAt(at);
                        break;
                }

                similarity = Jaccard.Similarity(original, PromptShingler.Analyze(string.Join(' ', variant)).Shingles);
            }

            if (similarity >= low)
            {
                return (string.Join(' ', variant), similarity);
            }
        }

        throw new InvalidOperationException($"no variant in [{low}, {high}) after 1000 attempts");
    }

    /// <summary>A SQLite cache at <paramref name="path"/> holding <paramref name="prompts"/>, written in one transaction.</summary>
    public static ResponseCache Fill(string path, IReadOnlyList<string> prompts, CacheOptions? options = null)
    {
        var cache = ResponseCacheFactory.Create(options ?? new CacheOptions { MaxEntries = 1_000_000 }, path, NullLoggerFactory.Instance, TimeProvider.System);
        var store = (SqliteCacheStore)cache.Backend!;
        store.ImportForBenchmarks(prompts.Select((p, i) => (
            CacheKeyBuilder.ForChat(Request(p), withNear: true),
            new StoredValue(Answer(i), TimeSpan.FromDays(1), 100, 2000))));
        return cache;
    }

    public static string Answer(int i) => "answer number " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + new string('x', 400);

    public static string TemporaryDatabase(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "patcode-cache-bench", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, "cache.db");
    }

    public static void DeleteDatabase(string path)
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Word()
    {
        var length = _random.Next(3, 10);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)('a' + _random.Next(26)));
        }

        return builder.ToString();
    }
}
