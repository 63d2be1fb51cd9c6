namespace PatCode.Caching.Tests.Support;

/// <summary>Gives each test a fresh SQLite cache in its own folder, on a fake clock, and closes both afterwards.</summary>
public abstract class CacheTestBase
{
    private protected TemporaryDirectory CacheFolder { get; private set; } = null!;

    private protected FakeTimeProvider Clock { get; private set; } = null!;

    private protected ResponseCache Cache { get; set; } = null!;

    [SetUp]
    public void OpenCache()
    {
        CacheFolder = new TemporaryDirectory();
        Clock = NewTime();
        Cache = Open(CacheFolder.Combine("cache.db"), Clock);
    }

    [TearDown]
    public async Task CloseCache()
    {
        await Cache.DisposeAsync();
        CacheFolder.Dispose();
    }
}
