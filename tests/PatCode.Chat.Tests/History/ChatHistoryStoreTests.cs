using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Chat.History;

namespace PatCode.Chat.Tests.History;

[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class ChatHistoryStoreTests
{
    [Test]
    public void Append_ThenLoad_ReturnsTheMessagesInOrder()
    {
        using var dir = new TemporaryDirectory();
        var store = NewStore(dir);
        store.Append(Entry(HistoryEntry.UserRole, "hello \"quoted\"\nsecond line"));
        store.Append(Entry(HistoryEntry.AssistantRole, "hi") with { Cut = true, Note = "cancelled by the user" });

        var loaded = new ChatHistoryStore(dir.Path, "/work/project", NullLogger.Instance).Load();

        Assert.That(loaded.Select(e => e.Content), Is.EqualTo(new[] { "hello \"quoted\"\nsecond line", "hi" }));
        Assert.That(loaded[1].Cut, Is.True);
        Assert.That(loaded[1].Note, Is.EqualTo("cancelled by the user"));
        Assert.That(File.ReadAllLines(store.FilePath), Has.Length.EqualTo(2), "one JSON line per message");
    }

    [Test]
    public void Load_TornLastLine_IsSkippedAndTheNextAppendStaysReadable()
    {
        using var dir = new TemporaryDirectory();
        var store = NewStore(dir);
        store.Append(Entry(HistoryEntry.UserRole, "kept"));
        File.AppendAllText(store.FilePath, "{\"role\":\"assistant\",\"content\":\"half-writ");

        Assert.That(store.Load().Select(e => e.Content), Is.EqualTo(new[] { "kept" }));

        store.Append(Entry(HistoryEntry.UserRole, "after the crash"));
        Assert.That(store.Load().Select(e => e.Content), Is.EqualTo(new[] { "kept", "after the crash" }));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public void WaitUntilOnDisk_AfterAppendsFromSeveralThreads_EveryLineIsWholeAndNoHandleStaysOpen()
    {
        using var dir = new TemporaryDirectory();
        var store = NewStore(dir);

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => store.Append(Entry(HistoryEntry.UserRole, $"message {i}")));
        store.WaitUntilOnDisk();

        // Each written stream is closed only after its flush to disk, so none left open means every flush ran.
        var open = Directory.GetFiles("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget).Where(target => target == store.FilePath);
        Assert.That(open, Is.Empty);
        Assert.That(store.Load().Select(e => e.Content), Is.EquivalentTo(Enumerable.Range(0, 200).Select(i => $"message {i}")));
        Assert.That(File.ReadAllLines(store.FilePath), Has.Length.EqualTo(200));
    }

    [Test]
    public void FileName_DependsOnTheWorkingDirectoryAndHidesIt()
    {
        var a = ChatHistoryStore.FileNameFor("/home/pat/project-a");
        var b = ChatHistoryStore.FileNameFor("/home/pat/project-b");

        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(a, Does.Not.Contain("project"));
        Assert.That(ChatHistoryStore.FileNameFor("/home/pat/project-a/"), Is.EqualTo(a));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Append_CreatesAUserOnlyFile()
    {
        using var dir = new TemporaryDirectory();
        var store = NewStore(dir);
        store.Append(Entry(HistoryEntry.UserRole, "secret question"));

        Assert.That(File.GetUnixFileMode(store.FilePath), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Continue_ResumesTheSavedConversationAndSendsItToTheModel()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("Forty-two.");
        using (var first = bed.CreateHost())
        {
            await first.Session.SendAsync("the answer?", CancellationToken.None);
        }

        using var resumed = bed.CreateHost(resume: true);
        await resumed.Session.SendAsync("why?", CancellationToken.None);

        Assert.That(resumed.Session.History.Select(h => h.Content).Take(2), Is.EqualTo(new[] { "the answer?", "Forty-two." }));
        var sent = bed.Emulator.ChatRequests[^1].Json!["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ToList();
        Assert.That(sent, Does.Contain("Forty-two."));
        Assert.That(bed.Output.DimLines, Has.Some.Contains("Resumed 2 message(s)"));
    }

    [Test]
    public async Task NewSession_WithoutContinue_StartsAfreshAndKeepsThePreviousFile()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using (var first = bed.CreateHost())
        {
            await first.Session.SendAsync("old question", CancellationToken.None);
        }

        using var second = bed.CreateHost();
        await second.Session.SendAsync("new question", CancellationToken.None);

        var store = second.Session.Store!;
        Assert.That(store.Load().Select(h => h.Content).First(), Is.EqualTo("new question"));
        Assert.That(File.ReadAllText(store.PreviousFilePath), Does.Contain("old question"));
    }

    [Test]
    public async Task Clear_EmptiesTheSavedHistory()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        await host.Session.SendAsync("to forget", CancellationToken.None);

        host.Session.ClearHistory();

        Assert.That(host.Session.History, Is.Empty);
        Assert.That(host.Session.Store!.Load(), Is.Empty);
    }

    private static ChatHistoryStore NewStore(TemporaryDirectory directory) =>
        new(directory.Path, "/work/project", NullLogger.Instance);

    private static HistoryEntry Entry(string role, string content) =>
        new() { Role = role, Content = content, Timestamp = DateTimeOffset.UnixEpoch };
}
