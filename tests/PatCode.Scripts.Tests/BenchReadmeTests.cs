using PatCode.Scripts.Tests.Support;

namespace PatCode.Scripts.Tests;

/// <summary>scripts/bench-readme.sh writes the README's figures table from results.json, between its markers.</summary>
public sealed class BenchReadmeTests
{
    private const string SampleResults = """
        [
          { "name": "startup.hello_ms", "value": 61.4, "unit": "ms" },
          { "name": "ask.process_ms_x_floor", "value": 3.25, "unit": "x" },
          { "name": "ask.peak_rss_mb", "value": 66.5, "unit": "MB" },
          { "name": "cache.exact_get_us", "value": 0.871, "unit": "us" },
          { "name": "cache.near_false_hits", "value": 0, "unit": "" }
        ]
        """;

    private const string Readme = "# Title\n\nBefore the table.\n\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\nAfter the table.\n";

    [Test]
    public void WritesEveryFigureWithTargetsDateCommitAndMachine_BetweenTheMarkersOnly()
    {
        using var folder = new TemporaryDirectory();
        var (results, readme) = Write(folder, SampleResults, Readme);

        var result = Run(results, readme, "--commit", "abc1234", "--date", "2026-11-30", "--machine", "Test CPU, 2 cores, 8 GiB");

        var text = File.ReadAllText(readme);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(text, Does.StartWith("# Title\n\nBefore the table.\n\n<!-- bench:start -->\n"));
            Assert.That(text, Does.EndWith("<!-- bench:end -->\n\nAfter the table.\n"));
            Assert.That(text, Does.Not.Contain("old table"));
            Assert.That(text, Does.Contain("Measured 2026-11-30 at commit `abc1234` on Test CPU, 2 cores, 8 GiB"));
            Assert.That(text, Does.Contain("| `startup.hello_ms` | 61.4 ms | – |"));
            Assert.That(text, Does.Contain("| `ask.process_ms_x_floor` | 3.25 × | ≤ 4 × |"));
            Assert.That(text, Does.Contain("| `ask.peak_rss_mb` | 66.5 MB | ≤ 70 MB |"));
            Assert.That(text, Does.Contain("| `cache.exact_get_us` | 0.871 us | ≤ 5 us |"));
            Assert.That(text, Does.Contain("| `cache.near_false_hits` | 0 | = 0 |"));
            Assert.That(text.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)), Is.EqualTo(5));
        });
    }

    [Test]
    public void RunningAgain_GivesTheSameReadme()
    {
        using var folder = new TemporaryDirectory();
        var (results, readme) = Write(folder, SampleResults, Readme);
        string[] flags = ["--commit", "abc1234", "--date", "2026-11-30", "--machine", "Test CPU"];

        Run(results, readme, flags);
        var first = File.ReadAllText(readme);
        var again = Run(results, readme, flags);

        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.ToString());
            Assert.That(File.ReadAllText(readme), Is.EqualTo(first));
        });
    }

    [Test]
    public void ByDefault_TheMachineComesFromProcAndTheDateFromTheResultsFile()
    {
        using var folder = new TemporaryDirectory();
        var (results, readme) = Write(folder, SampleResults, Readme);
        File.SetLastWriteTimeUtc(results, new DateTime(2026, 11, 2, 12, 0, 0, DateTimeKind.Utc));
        var cpu = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        var cores = File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor", StringComparison.Ordinal));

        var result = Run(results, readme, "--commit", "abc1234");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(File.ReadAllText(readme), Does.Contain($"Measured 2026-11-02 at commit `abc1234` on {cpu}, {cores} cores, "));
        });
    }

    [Test]
    public void WithoutMarkers_FailsInOneLineAndLeavesTheReadmeAlone()
    {
        using var folder = new TemporaryDirectory();
        var (results, readme) = Write(folder, SampleResults, "# No markers here\n");

        var result = Run(results, readme, "--commit", "abc1234", "--date", "2026-11-30", "--machine", "Test CPU");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("bench:start"), result.ToString());
            Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.ToString());
            Assert.That(File.ReadAllText(readme), Is.EqualTo("# No markers here\n"));
        });
    }

    [TestCase("not json")]
    [TestCase("[{\"value\": 1}]")]
    [TestCase("[]")]
    public void JunkResults_FailInOneLineAndLeaveTheReadmeAlone(string junk)
    {
        using var folder = new TemporaryDirectory();
        var (results, readme) = Write(folder, junk, Readme);

        var result = Run(results, readme, "--commit", "abc1234", "--date", "2026-11-30", "--machine", "Test CPU");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("results.json").And.Contain("bench.sh"), result.ToString());
            Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.ToString());
            Assert.That(File.ReadAllText(readme), Is.EqualTo(Readme));
        });
    }

    private static (string Results, string Readme) Write(TemporaryDirectory folder, string results, string readme)
    {
        var resultsPath = folder.Combine("results.json");
        var readmePath = folder.Combine("README.md");
        File.WriteAllText(resultsPath, results);
        File.WriteAllText(readmePath, readme);
        return (resultsPath, readmePath);
    }

    private static ProcessResult Run(string results, string readme, params string[] flags) =>
        ProcessRunner.RunScript("scripts/bench-readme.sh", ["--results", results, "--readme", readme, .. flags]);
}
