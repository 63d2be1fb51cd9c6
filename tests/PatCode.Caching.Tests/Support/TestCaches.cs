using Microsoft.Extensions.Logging.Abstractions;

namespace PatCode.Caching.Tests.Support;

/// <summary>Builds caches on real SQLite files in a private temporary folder, and the requests the tests send.</summary>
internal static class TestCaches
{
    public const string LongPrompt = "please explain how the garbage collector in dotnet decides when to compact the large object heap and which settings change that";

    public static FakeTimeProvider NewTime() => new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    public static ResponseCache Open(string path, TimeProvider time, CacheOptions? options = null) =>
        ResponseCacheFactory.Create(options ?? new CacheOptions(), path, NullLoggerFactory.Instance, time);

    public static ChatCacheRequest Request(string prompt, string model = "llama3", params CacheMessage[] context) => new()
    {
        Model = model,
        Messages = [.. context, new CacheMessage("user", prompt)],
    };
}
