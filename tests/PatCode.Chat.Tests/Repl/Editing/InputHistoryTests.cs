using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Chat.Repl.Editing;

namespace PatCode.Chat.Tests.Repl.Editing;

[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class InputHistoryTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("patcode-input-history-");

    private string File => _directory.Combine("input-history.jsonl");

    public void Dispose() => _directory.Dispose();

    [Test]
    public async Task TheFile_IsUserOnly_AndPlantedSecretsAreRedacted_WhileThisSessionKeepsWhatWasTyped()
    {
        var history = InputHistory.Load(File, 100, NullLogger.Instance);
        history.Add("deploy with AWS key AKIAIOSFODNN7EXAMPLE please");
        history.Add("export DB_PASSWORD=hunter2hunter2");
        history.Add("curl -H 'Authorization: Bearer abcdefghijklmnop123456' https://api.example.com");
        history.Add("git clone https://bob:s3cretPassw0rd@example.com/repo.git");
        history.Add("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----");
        await history.FlushAsync();

        Assert.That(System.IO.File.GetUnixFileMode(File), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var text = System.IO.File.ReadAllText(File);
        Assert.That(text, Does.Not.Contain("AKIAIOSFODNN7EXAMPLE").And.Not.Contain("hunter2").And.Not.Contain("abcdefghijklmnop123456")
            .And.Not.Contain("s3cretPassw0rd").And.Not.Contain("MIIEowIBAAKCAQEA"));
        Assert.That(text, Does.Contain("[REDACTED]").And.Contain("deploy with AWS key"));
        Assert.That(history[0], Does.Contain("AKIAIOSFODNN7EXAMPLE"), "this session's Up still gives back what was typed");
        Assert.That(InputHistory.Load(File, 100, NullLogger.Instance)[1], Is.EqualTo("export DB_PASSWORD=[REDACTED]"));
    }

    [Test]
    public async Task TheFile_KeepsOnlyTheNewestEntries_UpToTheCap()
    {
        var history = InputHistory.Load(File, 5, NullLogger.Instance);
        for (var i = 1; i <= 8; i++)
        {
            history.Add($"message {i}");
        }

        await history.FlushAsync();

        Assert.That(System.IO.File.ReadAllLines(File), Has.Length.EqualTo(5));
        var reloaded = InputHistory.Load(File, 5, NullLogger.Instance);
        Assert.That(Entries(reloaded), Is.EqualTo(new[] { "message 4", "message 5", "message 6", "message 7", "message 8" }));
        Assert.That(history.Count, Is.EqualTo(5));
    }

    [Test]
    public async Task MultiLineEntries_Survive_RepeatsAndBlanksAreSkipped_AndADamagedLineCostsOnlyItself()
    {
        System.IO.File.WriteAllText(File, JsonSerializer.Serialize("older") + "\n{not json\n");
        var history = InputHistory.Load(File, 50, NullLogger.Instance);
        history.Add("line one\nline two");
        history.Add("line one\nline two");
        history.Add("   ");
        await history.FlushAsync();

        var reloaded = InputHistory.Load(File, 50, NullLogger.Instance);
        Assert.That(Entries(reloaded), Is.EqualTo(new[] { "older", "line one\nline two" }));
    }

    [Test]
    public async Task TwoSessions_BothKeepTheirEntries()
    {
        var first = InputHistory.Load(File, 50, NullLogger.Instance);
        var second = InputHistory.Load(File, 50, NullLogger.Instance);
        first.Add("from the first");
        await first.FlushAsync();
        second.Add("from the second");
        await second.FlushAsync();

        var reloaded = InputHistory.Load(File, 50, NullLogger.Instance);
        Assert.That(Entries(reloaded), Is.EqualTo(new[] { "from the first", "from the second" }));
    }

    [Test]
    public async Task ACapOfZero_WritesNothing_ButTheSessionStillRemembers()
    {
        var history = InputHistory.Load(File, 0, NullLogger.Instance);
        history.Add("only in memory");
        await history.FlushAsync();

        Assert.That(System.IO.File.Exists(File), Is.False);
        Assert.That(history[0], Is.EqualTo("only in memory"));
    }

    private static List<string> Entries(InputHistory history) => Enumerable.Range(0, history.Count).Select(i => history[i]).ToList();
}
