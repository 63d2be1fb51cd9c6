namespace PatCode.Cli.Tests.CommandLine;

/// <summary><c>patcode --version</c> takes a short cut past System.CommandLine; PATCODE_TRACE_STARTUP=1 traces the start.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class VersionCommandLineTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Test]
    public async Task Version_PrintsTheInformationalVersionOfTheHost()
    {
        // What System.CommandLine's version option prints: the entry assembly's informational version (ProductVersion).
        var expected = System.Diagnostics.FileVersionInfo.GetVersionInfo(Path.Combine(PatCodeProcess.CliDirectory, "patcode.dll")).ProductVersion;

        var result = await _home.RunAsync(["--version"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Stderr, Is.Empty, result.ToString());
            Assert.That(expected, Does.StartWith("1.0.0"));
            Assert.That(result.Stdout, Is.EqualTo(expected + "\n"), result.ToString());
        });
    }

    [Test]
    public async Task TracingStartup_WritesNamedMarksToStderr_AndLeavesStdoutAlone()
    {
        var plain = await _home.RunAsync(["plugins", "list"]);
        var traced = await _home.RunAsync(["plugins", "list"], environment: new Dictionary<string, string> { ["PATCODE_TRACE_STARTUP"] = "1" });

        var marks = traced.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(plain.Stderr, Is.Empty, plain.ToString());
            Assert.That(traced.ExitCode, Is.Zero, traced.ToString());
            Assert.That(traced.Stdout, Is.EqualTo(plain.Stdout));
            Assert.That(marks, Has.All.Match(@"^startup: +\d+\.\d ms  .+ \[thread \d+, jit +\d+ methods +\d+ ms\]$"), traced.Stderr);
            Assert.That(marks.Select(m => m.Split("ms  ", 2)[1]), Has.Some.StartsWith("main (runtime started)").And.Some.StartsWith("plugins scanned (3)").And.Some.StartsWith("exit"), traced.Stderr);
        });
    }
}
