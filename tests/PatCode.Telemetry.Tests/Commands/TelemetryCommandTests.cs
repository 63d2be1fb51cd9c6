using System.Text.Json;
using PatCode.Core.Commands;
using PatCode.Sdk;
using PatCode.Telemetry.Commands;
using PatCode.Telemetry.Tests.Support;
using PatCode.Testing;

namespace PatCode.Telemetry.Tests.Commands;

public sealed class TelemetryCommandTests
{
    private TelemetryService _service = null!;
    private string _directory = null!;
    private TelemetryCommand _command = null!;

    [SetUp]
    public void SetUp()
    {
        _service = TestTelemetry.Create();
        _directory = Path.Combine(Path.GetTempPath(), "patcode-telemetry-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _command = new TelemetryCommand(_service, () => _directory);
    }

    [TearDown]
    public void TearDown()
    {
        _service.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(int ExitCode, RecordingOutput Output)> Run(bool inRepl, params string[] args)
    {
        var output = new RecordingOutput();
        var exitCode = await _command.ExecuteAsync(new CommandInvocation(args, output, inRepl), CancellationToken.None);
        return (exitCode, output);
    }

    [Test]
    public void Command_IsNamedTelemetryAndAvailableOnTheCommandLine()
    {
        IHostCommand command = _command;

        Assert.That(command.Name, Is.EqualTo("telemetry"));
        Assert.That(command.AvailableOnCommandLine, Is.True);
    }

    [TestCase]
    [TestCase("stats")]
    public async Task Stats_ShowsPluginCountersAndTimers(params string[] args)
    {
        var plugin = TestTelemetry.UniqueName("stat");
        using var telemetry = _service.ForPlugin(plugin);
        telemetry.Increment("hits", 9);
        telemetry.RecordDuration("scan", TimeSpan.FromMilliseconds(12));

        var (exitCode, output) = await Run(true, args);

        Assert.That(exitCode, Is.Zero);
        var name = "patcode\\.plugin\\." + plugin.Replace('-', '_');
        Assert.That(output.Lines, Has.Some.Match($@"^{name}\.hits\s+plugin={plugin}\s+counter\s+9$"));
        Assert.That(output.Lines, Has.Some.Match($@"^{name}\.scan\s+plugin={plugin}\s+s\s+1\s+0\.012\s"), "durations in seconds, down to the microsecond");
        Assert.That(output.Text, Does.Contain("exporters: none (nothing leaves this machine)"));
        Assert.That(output.Errors, Is.Empty);
    }

    [Test]
    public async Task Events_FilteredByLevelAndCount_ShowsTheLatestMatching()
    {
        for (var i = 1; i <= 5; i++)
        {
            _service.RecordEvent($"failure.{i}", TelemetryLevel.Error, new Dictionary<string, object?> { ["n"] = i });
            _service.RecordEvent($"info.{i}");
        }

        var (exitCode, output) = await Run(true, "events", "error", "2");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output.Text, Does.Contain("failure.4").And.Contain("failure.5").And.Contain("n=5"));
        Assert.That(output.Text, Does.Not.Contain("failure.3").And.Not.Contain("info."));
    }

    [Test]
    public async Task Events_CountBeforeLevel_IsAcceptedToo()
    {
        _service.RecordEvent("warned", TelemetryLevel.Warning);
        _service.RecordEvent("informed");

        var (exitCode, output) = await Run(true, "events", "1", "warning");

        Assert.That(exitCode, Is.Zero);
        Assert.That(output.Text, Does.Contain("warned").And.Not.Contain("informed"));
    }

    [TestCase("bogus")]
    [TestCase("events", "loud")]
    [TestCase("events", "0")]
    [TestCase("events", "error", "3", "4")]
    [TestCase("stats", "extra")]
    [TestCase("export", "a.json", "b.json")]
    [TestCase("clear", "now")]
    public async Task BadArguments_GiveOneErrorLineAndUsageWithExitCodeTwo(params string[] args)
    {
        var (exitCode, output) = await Run(true, args);

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output.Errors, Has.Count.EqualTo(1));
        Assert.That(output.Text, Does.Contain("Usage:").And.Contain("telemetry events [info|warning|error] [N]"));
    }

    [Test]
    public async Task MistypedSubcommand_SuggestsTheClosest()
    {
        var (_, output) = await Run(true, "evnets");

        Assert.That(output.Errors.Single(), Does.Contain("Did you mean: events?"));
    }

    [Test]
    public async Task Export_WritesJsonWithStatsMetricsEventsAndExportedAtReadableByTheUserOnly()
    {
        using var telemetry = _service.ForPlugin(TestTelemetry.UniqueName("exp"));
        telemetry.Increment("calls", 2);
        telemetry.RecordDuration("work", TimeSpan.FromMilliseconds(5));
        _service.RecordEvent("exported.event", TelemetryLevel.Warning);

        var (exitCode, output) = await Run(true, "export");

        var file = Directory.GetFiles(_directory, "telemetry-*.json").Single();
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        var root = json.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero);
            Assert.That(output.Text, Does.Contain(file));
            Assert.That(Path.GetFileName(file), Does.Match(@"^telemetry-\d{8}-\d{6}\.json$"));
            Assert.That(root.GetProperty("exported_at").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(root.GetProperty("stats").GetProperty("events_kept").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("metrics").EnumerateArray().Any(m => m.GetProperty("name").GetString()!.EndsWith(".calls", StringComparison.Ordinal) && m.GetProperty("value").GetDouble() == 2), Is.True);
            Assert.That(root.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("name").GetString()!.EndsWith(".work", StringComparison.Ordinal)).GetProperty("p99").GetDouble(), Is.EqualTo(0.005));
            Assert.That(root.GetProperty("events")[0].GetProperty("level").GetString(), Is.EqualTo("warning"));
            Assert.That(root.GetProperty("scope").GetString(), Does.StartWith("Everything this PatCode session recorded"));
        });
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public async Task Export_FromTheCommandLine_SaysItHoldsOnlyThisProcess()
    {
        var (exitCode, output) = await Run(false, "export", "cli.json");

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory, "cli.json")));
        Assert.That(exitCode, Is.Zero);
        Assert.That(json.RootElement.GetProperty("scope").GetString(), Does.StartWith("Only what this short 'patcode telemetry export' process recorded"));
        Assert.That(output.Text, Does.Contain("kept in memory per chat session"));
    }

    [Test]
    public async Task Export_ToAnUnwritablePlace_FailsWithOneLine()
    {
        var blocker = Path.Combine(_directory, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "");

        var (exitCode, output) = await Run(true, "export", Path.Combine(blocker, "out.json"));

        Assert.That(exitCode, Is.EqualTo(ExitCodes.Failure));
        Assert.That(output.Errors.Single(), Does.StartWith("Cannot write"));
    }

    [Test]
    public async Task Clear_EmptiesMetricsAndEvents()
    {
        var plugin = TestTelemetry.UniqueName("clr");
        using var telemetry = _service.ForPlugin(plugin);
        telemetry.Increment("calls");
        _service.RecordEvent("before.clear");

        var (exitCode, _) = await Run(true, "clear");
        var (_, stats) = await Run(true, "stats");

        Assert.That(exitCode, Is.Zero);
        Assert.That(_service.Events(), Is.Empty);
        Assert.That(stats.Lines, Has.Some.Match($@"^patcode\.plugin\.{plugin.Replace('-', '_')}\.calls\s+plugin={plugin}\s+counter\s+0$"));
    }

    [Test]
    public async Task DisabledTelemetry_SaysHowToTurnItOn()
    {
        using var off = TestTelemetry.Create(("telemetry.enabled", "false"));
        var output = new RecordingOutput();

        var exitCode = await new TelemetryCommand(off, () => _directory).ExecuteAsync(new CommandInvocation([], output, true), CancellationToken.None);

        Assert.That(exitCode, Is.Zero);
        Assert.That(output.Text, Does.Contain("Telemetry is off").And.Contain("TELEMETRY_ENABLED=true"));
    }
}
