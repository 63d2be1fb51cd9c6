using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using PatCode.Caching.Storage;
using PatCode.Caching.Writer;

namespace PatCode.Caching.Tests.Storage;

public sealed class SqliteDurabilityTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);
    private TemporaryDirectory _directory = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = new TemporaryDirectory();
        _time = NewTime();
    }

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [Test]
    public async Task ReopenedCache_StillHasItsEntriesAndCounters()
    {
        await using (var cache = Open(_directory.Combine("cache.db"), _time))
        {
            await cache.SetAsync(Request(LongPrompt), "kept", 5, TimeSpan.FromSeconds(1));
            await cache.GetAsync(Request(LongPrompt));
        }

        await using var reopened = Open(_directory.Combine("cache.db"), _time);

        Assert.That((await reopened.GetAsync(Request(LongPrompt)))?.Text, Is.EqualTo("kept"));
        Assert.That((await reopened.GetAsync(Request(LongPrompt + " please")))?.Kind, Is.EqualTo(CacheHitKind.Near));
        Assert.That((await reopened.GetStatisticsAsync()).ExactHits, Is.EqualTo(2));
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task DatabaseFile_IsReadableByTheUserOnly()
    {
        await using var cache = Open(_directory.Combine("cache.db"), _time);
        await cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);

        foreach (var file in new[] { _directory.Combine("cache.db"), _directory.Combine("cache.db") + "-wal" }.Where(File.Exists))
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), file);
        }
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task ExistingDatabaseWithWiderPermissions_IsNarrowedToTheUser()
    {
        await using (var cache = Open(_directory.Combine("cache.db"), _time))
        {
            await cache.SetAsync(Request(LongPrompt), "answer", 1, TimeSpan.Zero);
        }

        File.SetUnixFileMode(_directory.Combine("cache.db"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using var reopened = Open(_directory.Combine("cache.db"), _time);

        Assert.That(File.GetUnixFileMode(_directory.Combine("cache.db")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task CorruptFile_IsMovedAsideWithAWarningAndAFreshCacheWorks()
    {
        await File.WriteAllBytesAsync(_directory.Combine("cache.db"), Encoding.ASCII.GetBytes(new string('#', 8192)));

        await using var cache = Open(_directory.Combine("cache.db"), _time);

        Assert.That(cache.IsEnabled, Is.True);
        Assert.That(cache.Warnings, Has.Count.EqualTo(1));
        Assert.That(cache.Warnings[0], Does.Contain("moved it to").And.Contain(".corrupt-"));
        var movedAside = Directory.GetFiles(_directory.Path, "cache.db.corrupt-*");
        Assert.That(movedAside, Has.Length.EqualTo(1));
        Assert.That(await File.ReadAllTextAsync(movedAside[0]), Does.StartWith("####"));
        await cache.SetAsync(Request(LongPrompt), "fresh", 1, TimeSpan.Zero);
        Assert.That((await cache.GetAsync(Request(LongPrompt)))?.Text, Is.EqualTo("fresh"));
    }

    [Test]
    public async Task DatabaseWithDamagedPages_IsMovedAsideAndNeverThrows()
    {
        await using (var cache = Open(_directory.Combine("cache.db"), _time))
        {
            for (var i = 0; i < 200; i++)
            {
                await cache.SetAsync(Request($"question {i} with some words"), new string('a', 500), 1, TimeSpan.Zero);
            }
        }

        // Keep SQLite's header but overwrite the pages behind it.
        await using (var file = new FileStream(_directory.Combine("cache.db"), FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096;
            var garbage = new byte[file.Length - 4096];
            new Random(7).NextBytes(garbage);
            file.Write(garbage);
        }

        await using var reopened = Open(_directory.Combine("cache.db"), _time);

        Assert.That(reopened.IsEnabled, Is.True);
        Assert.That(reopened.Warnings, Is.Not.Empty);
        Assert.That(await reopened.GetAsync(Request("question 1 with some words")), Is.Null);
        Assert.That(await reopened.SetAsync(Request("new"), "ok", 1, TimeSpan.Zero), Is.True);
    }

    [Test]
    public async Task TwoCachesOnOneFile_SeeEachOthersWritesAndClears()
    {
        await using var first = Open(_directory.Combine("cache.db"), _time);
        await using var second = Open(_directory.Combine("cache.db"), _time);

        await first.SetAsync(Request(LongPrompt), "from first", 1, TimeSpan.Zero);
        Assert.That((await second.GetAsync(Request(LongPrompt)))?.Text, Is.EqualTo("from first"));
        Assert.That((await second.GetAsync(Request(LongPrompt + " please")))?.Kind, Is.EqualTo(CacheHitKind.Near));

        // Replacements and deletions reach another process's hits within SqliteChangeFeed.CheckInterval, not sooner.
        await second.SetAsync(Request(LongPrompt), "from second", 1, TimeSpan.Zero);
        Assert.That((await first.GetAsync(Request(LongPrompt)))?.Text, Is.EqualTo("from first"), "a hit checks for changes once per interval");
        _time.Advance(SqliteChangeFeed.CheckInterval);
        Assert.That((await first.GetAsync(Request(LongPrompt)))?.Text, Is.EqualTo("from second"));

        await second.ClearAsync();
        _time.Advance(SqliteChangeFeed.CheckInterval);
        Assert.That(await first.GetAsync(Request(LongPrompt)), Is.Null);
        Assert.That(await first.GetAsync(Request(LongPrompt + " please")), Is.Null);

        await first.SetAsync(Request("after the clear"), "again", 1, TimeSpan.Zero);
        Assert.That((await second.GetAsync(Request("after the clear")))?.Text, Is.EqualTo("again"));
    }

    [Test]
    public async Task WriterKilledWithSigkill_EveryReportedEntryIsThereAndTheDatabaseOpens()
    {
        using var writer = StartWriter("crash", 100_000);
        var committed = new List<int>();
        var stopwatch = Stopwatch.StartNew();
        while (committed.Count < 300 && stopwatch.Elapsed < ProcessTimeout)
        {
            var line = await ReadLineAsync(writer);
            if (line is null)
            {
                break;
            }

            if (line.StartsWith("committed ", StringComparison.Ordinal))
            {
                committed.Add(int.Parse(line["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        writer.Kill(entireProcessTree: true);
        await writer.WaitForExitAsync(new CancellationTokenSource(ProcessTimeout).Token);
        // Lines written before the kill but not yet read count as committed too.
        var rest = await writer.StandardOutput.ReadToEndAsync();
        committed.AddRange(rest.Split('\n').Where(l => l.StartsWith("committed ", StringComparison.Ordinal)).Select(l => int.Parse(l["committed ".Length..], System.Globalization.CultureInfo.InvariantCulture)));

        Assert.That(committed, Has.Count.GreaterThanOrEqualTo(300), "the writer did not get going: " + await writer.StandardError.ReadToEndAsync());
        await using var cache = Open(_directory.Combine("cache.db"), TimeProvider.System);
        Assert.That(cache.Warnings, Is.Empty);
        var missing = new List<int>();
        foreach (var i in committed)
        {
            var hit = await cache.GetAsync(WriterRequests.For("crash", i));
            if (hit?.Kind != CacheHitKind.Exact || hit.Text != WriterRequests.Answer("crash", i))
            {
                missing.Add(i);
            }
        }

        Assert.That(missing, Is.Empty, "committed entries lost after SIGKILL");
    }

    [Test]
    public async Task TwoWriterProcessesAtOnce_LoseNothing()
    {
        const int PerWriter = 300;
        using var first = StartWriter("alpha", PerWriter);
        using var second = StartWriter("beta", PerWriter);
        var outputs = await Task.WhenAll(first.StandardOutput.ReadToEndAsync(), second.StandardOutput.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        await Task.WhenAll(first.WaitForExitAsync(timeout.Token), second.WaitForExitAsync(timeout.Token));

        Assert.That(first.ExitCode, Is.Zero, await first.StandardError.ReadToEndAsync());
        Assert.That(second.ExitCode, Is.Zero, await second.StandardError.ReadToEndAsync());
        Assert.That(outputs.All(o => o.Contains("done", StringComparison.Ordinal)), Is.True);
        await using var cache = Open(_directory.Combine("cache.db"), TimeProvider.System);
        Assert.That((await cache.GetStatisticsAsync()).Entries, Is.EqualTo(2 * PerWriter));
        foreach (var prefix in new[] { "alpha", "beta" })
        {
            for (var i = 0; i < PerWriter; i++)
            {
                Assert.That((await cache.GetAsync(WriterRequests.For(prefix, i)))?.Text, Is.EqualTo(WriterRequests.Answer(prefix, i)), $"{prefix} {i}");
            }
        }
    }

    private Process StartWriter(string prefix, int count)
    {
        var writerDll = Path.Combine(AppContext.BaseDirectory, "PatCode.Caching.Writer.dll");
        Assert.That(File.Exists(writerDll), Is.True, $"{writerDll} is missing: build tests/PatCode.Caching.Writer");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writerDll);
        start.ArgumentList.Add(_directory.Combine("cache.db"));
        start.ArgumentList.Add(prefix);
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(start)!;
    }

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        return await process.StandardOutput.ReadLineAsync(timeout.Token);
    }
}
