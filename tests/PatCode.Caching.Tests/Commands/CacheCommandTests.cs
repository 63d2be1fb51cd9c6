using PatCode.Caching.Commands;
using PatCode.Core.Commands;

namespace PatCode.Caching.Tests.Commands;

public sealed class CacheCommandTests : CacheTestBase
{
    private RecordingOutput _output = null!;
    private CacheCommand _command = null!;

    [SetUp]
    public async Task SetUp()
    {
        _output = new RecordingOutput();
        _command = new CacheCommand(Cache);
        await Cache.SetAsync(Request(LongPrompt), "answer", 10, TimeSpan.FromSeconds(1));
        await Cache.GetAsync(Request(LongPrompt));
    }

    [TestCase]
    [TestCase("stats")]
    [TestCase("STATS")]
    public async Task Execute_NoSubcommandOrStats_ShowsTheStatistics(params string[] arguments)
    {
        var exit = await Run(arguments);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        var text = _output.Tables.Single().ToPlainText();
        Assert.That(text, Does.Contain("entries").And.Contain("exact hits").And.Contain("tokens saved").And.Contain("bytes on disk"));
        Assert.That(Row("entries"), Is.EqualTo("1"));
        Assert.That(Row("exact hits"), Is.EqualTo("1"));
        Assert.That(Row("tokens saved"), Is.EqualTo("10"));
        Assert.That(Row("hit rate"), Is.EqualTo("100.0%").Or.EqualTo("100.0 %"));
    }

    [Test]
    public async Task Execute_Clear_EmptiesTheCache()
    {
        var exit = await Run("clear");

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(_output.Lines.Single(), Does.Contain("removed 1 entry"));
        Assert.That(await Cache.GetAsync(Request(LongPrompt)), Is.Null);
    }

    [Test]
    public async Task Execute_Cleanup_RemovesOnlyExpiredEntries()
    {
        Clock.Advance(TimeSpan.FromHours(12));
        await Cache.SetAsync(Request("a newer question"), "newer", 1, TimeSpan.Zero);
        Clock.Advance(TimeSpan.FromHours(13));

        var exit = await Run("cleanup");

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(_output.Lines.Single(), Does.Contain("Removed 1 expired entry"));
        Assert.That(await Cache.GetAsync(Request("a newer question")), Is.Not.Null);
    }

    [Test]
    public async Task Execute_UnknownSubcommand_SaysSoWithUsageAndExitCode2()
    {
        var exit = await Run("clean");

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(_output.Errors.Single(), Does.Contain("'clean'").And.Contain("Usage: /cache [stats|clear|cleanup]").And.Contain("cleanup"));
        Assert.That(await Cache.GetAsync(Request(LongPrompt)), Is.Not.Null);
    }

    [Test]
    public void Command_IsAvailableOnTheCommandLine()
    {
        Assert.That(_command.Name, Is.EqualTo("cache"));
        Assert.That(((IHostCommand)_command).AvailableOnCommandLine, Is.True);
    }

    private Task<int> Run(params string[] arguments) =>
        _command.ExecuteAsync(new CommandInvocation(arguments, _output, InRepl: true), CancellationToken.None);

    private string Row(string metric) => _output.Tables.Single().Rows.Single(r => r[0] == metric)[1];
}
