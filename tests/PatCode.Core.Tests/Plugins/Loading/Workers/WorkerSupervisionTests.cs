using System.Diagnostics;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Loading.Workers;

namespace PatCode.Core.Tests.Plugins.Loading.Workers;

/// <summary>Workers that die, hang or spin cost their own plugin only; deadlines are enforced by killing the worker; faults outlive the host.</summary>
public sealed class WorkerSupervisionTests : PluginHostTestBase
{
    [Test]
    public async Task AWorkerThatDiesDuringACall_IsAFailedRunOfThatPlugin_RestartedForTheNextMessage_AndFaultedAfterThreeCrashes()
    {
        var host = await StartAsync("ThreadThrower");

        var runs = new List<PluginRun>();
        for (var i = 0; i < 3; i++)
        {
            var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
            runs.Add(result.Runs.Single(r => r.Plugin == "ThreadThrower"));
            Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Zulu" }), "the well-behaved plugin still ran");
        }

        Assert.That(runs.Select(r => r.Outcome), Is.All.EqualTo(PluginRunOutcome.Crashed));
        Assert.That(runs[0].Error, Does.StartWith("its worker died: unhandled InvalidOperationException (killed by signal 6, SIGABRT)"));
        Assert.That(runs[0].Fault, Is.Null);
        Assert.That(runs[2].Fault, Does.StartWith("its worker crashed 3 times within 5 minutes"));
        var started = Fixture.Logs.Entries.Where(e => e.Message.StartsWith("Plugin ThreadThrower runs in worker", StringComparison.Ordinal)).Select(e => e.Message.Split(' ')[5]).ToList();
        Assert.That(started, Has.Count.EqualTo(3).And.Unique, "a new worker for each message");
        Assert.That(runs[2].Describe(), Does.StartWith("plugin ThreadThrower crashed (its worker died: unhandled InvalidOperationException").And.Contain("it is now Faulted").And.EndWith("/plugins enable ThreadThrower to try it again"));

        var fourth = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
        Assert.That(fourth.Runs.Select(r => r.Plugin), Is.EqualTo(new[] { "Zulu" }), "a Faulted plugin is skipped");

        await host.DisposeAsync();
        var next = Fixture.Create();
        next.Scan();
        var entry = next.Entries.Single(e => e.Name == "ThreadThrower");
        Assert.That(entry.Status, Is.EqualTo(PluginStatus.Faulted), "the fault outlives the host");
        Assert.That(entry.Reason, Does.Contain("its worker crashed 3 times within 5 minutes"));

        Assert.That(await next.EnableAsync("ThreadThrower", load: false), Is.Null);
        Assert.That(next.Entries.Single(e => e.Name == "ThreadThrower").Status, Is.EqualTo(PluginStatus.Active));
    }

    [Test]
    public async Task CrashesInSeparateRuns_AddUp()
    {
        for (var run = 1; run <= 3; run++)
        {
            var host = await StartAsync("Exiter", enable: run == 1);
            var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
            var exiter = result.Runs.Single(r => r.Plugin == "Exiter");
            Assert.That(exiter.Error, Is.EqualTo("its worker died: exit code 3"));
            Assert.That(exiter.Fault is null, Is.EqualTo(run < 3), $"run {run}");
            await host.DisposeAsync();
        }

        var last = Fixture.Create();
        last.Scan();
        Assert.That(last.Entries.Single(e => e.Name == "Exiter").Status, Is.EqualTo(PluginStatus.Faulted));
    }

    [Test]
    public async Task ACanHandlePastItsDeadline_KillsTheWorker_AndTheChainGoesOnAtOnce()
    {
        var host = await StartAsync("SlowCanHandle", canHandleDeadline: TimeSpan.FromMilliseconds(100));
        var pid = WorkerIsolationTests.WorkerPid(host, "SlowCanHandle");
        var watch = Stopwatch.StartNew();

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "nobody waited the 30 s out");
        var slow = result.Runs.Single(r => r.Plugin == "SlowCanHandle");
        Assert.That(slow.Outcome, Is.EqualTo(PluginRunOutcome.OverDeadline));
        Assert.That(slow.Error, Does.StartWith("its CanHandle did not answer within").And.EndWith("its worker was stopped"));
        Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Zulu" }));
        Assert.That(HasExited(pid), Is.True, "nothing of the plugin keeps running");
    }

    [Test]
    public async Task AnExecuteAsyncThatSpinsPastItsTimeout_KillsTheWorker_SoNoCoreStaysBusy()
    {
        var host = await StartAsync("Spinner", timeout: TimeSpan.FromMilliseconds(500));
        var pid = WorkerIsolationTests.WorkerPid(host, "Spinner");

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

        var spinner = result.Runs.Single(r => r.Plugin == "Spinner");
        Assert.That(spinner.Outcome, Is.EqualTo(PluginRunOutcome.TimedOut));
        Assert.That(spinner.Describe(), Does.Match(@"^plugin Spinner (timed out after 0\.5|did not answer within [0-9.]+) s; its worker was stopped$"));
        Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Zulu" }));
        Assert.That(HasExited(pid), Is.True, "the spinning worker was killed");

        var again = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
        // The first worker is gone (above), so a worker that timed out and was stopped again is a new one. Its
        // PID cannot be read afterwards: it spins too, and may already be killed.
        var next = again.Runs.Single(r => r.Plugin == "Spinner");
        Assert.That(next.Outcome, Is.EqualTo(PluginRunOutcome.TimedOut), "a new worker ran the next message");
        Assert.That(next.Describe(), Does.EndWith("; its worker was stopped"));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task ProcessesAPluginStarted_EndWithItsWorker_WhenItIsUnloaded()
    {
        var host = await StartAsync("Spawner");

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

        var (child, orphan) = SpawnedPids(result.Sections.Single(s => s.Plugin == "Spawner").Content);
        Assert.That(ProcessStatus.IsRunning(child) && ProcessStatus.IsRunning(orphan), Is.True, "both were started and outlived the call");
        await host.DisposeAsync();
        await WaitUntilAsync(() => !ProcessStatus.IsRunning(child) && !ProcessStatus.IsRunning(orphan));
    }

    [Test]
    [Platform(Exclude = "Win")]
    public async Task ProcessesAPluginStarted_EndWithItsWorker_WhenItIsKilledForItsDeadline()
    {
        var host = await StartAsync("Spawner", timeout: TimeSpan.FromSeconds(2));
        var pidsFile = Fixture.Combine("spawned.txt");

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hang " + pidsFile), CancellationToken.None);

        Assert.That(result.Runs.Single(r => r.Plugin == "Spawner").Outcome, Is.EqualTo(PluginRunOutcome.TimedOut));
        var (child, orphan) = SpawnedPids(File.ReadAllText(pidsFile));
        await WaitUntilAsync(() => !ProcessStatus.IsRunning(child) && !ProcessStatus.IsRunning(orphan));
    }

    [TestCase("StackOverflower", "its worker died: stack overflow")]
    [TestCase("FailFaster", "its worker died: Environment.FailFast")]
    [TestCase("AsyncVoidThrower", "its worker died: unhandled InvalidOperationException")]
    [TestCase("NativeHog", "its worker died: out of memory")]
    public async Task EachWayOfDying_IsNamed(string plugin, string error)
    {
        // Touching hundreds of megabytes takes a while on a busy machine; the deadline is not what is tested here.
        var host = await StartAsync(plugin, timeout: TimeSpan.FromSeconds(90));

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

        var run = result.Runs.Single(r => r.Plugin == plugin);
        Assert.That(run.Outcome, Is.EqualTo(PluginRunOutcome.Crashed));
        Assert.That(run.Error, Does.StartWith(error));
        Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Zulu" }));
    }

    [Test]
    public async Task AManagedMemoryHog_HitsTheWorkersHeapLimit_NotThePatCodeProcess()
    {
        var host = await StartAsync("MemoryHog", timeout: TimeSpan.FromSeconds(90));
        var before = GC.GetTotalMemory(forceFullCollection: false);

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

        var run = result.Runs.Single(r => r.Plugin == "MemoryHog");
        Assert.That(run.Outcome, Is.EqualTo(PluginRunOutcome.Failed));
        Assert.That(run.Error, Is.EqualTo("ExecuteAsync threw OutOfMemoryException"), "the worker's heap limit stopped it at 512 MB");
        Assert.That(GC.GetTotalMemory(forceFullCollection: false) - before, Is.LessThan(256L * 1024 * 1024), "the 2 GB were never PatCode's");
        Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Zulu" }));
    }

    [Test]
    public async Task AWorkersOutput_GoesToThePluginsLog_Capped()
    {
        var host = await StartAsync("Chatty", workers: new WorkerOptions { MaxOutputBytes = 16 * 1024 });

        var result = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);

        Assert.That(result.Runs.Single(r => r.Plugin == "Chatty").Outcome, Is.EqualTo(PluginRunOutcome.Succeeded));
        // Each stream has its own half of the budget, so a flood on stdout cannot crowd out stderr's first lines.
        await WaitUntilAsync(() => Fixture.Logs.Entries.Count(e => e.Category == "Chatty" && e.Message.Contains("the rest of it is dropped", StringComparison.Ordinal)) == 2);
        var lines = Fixture.Logs.Entries.Where(e => e.Category == "Chatty").Select(e => e.Message).ToList();
        Assert.That(lines, Does.Contain("stdout: chatty stdout line 1").And.Contain("stderr: chatty stderr line 1"));
        Assert.That(lines.Sum(l => l.Length), Is.LessThan(24 * 1024), "capped at 16 KB of output (plus the log's \"stdout: \" prefixes)");
        Assert.That(lines, Does.Not.Contain("stdout: chatty stdout line 1000"));
    }

    private async Task<PluginHost> StartAsync(string hostile, TimeSpan? timeout = null, TimeSpan? canHandleDeadline = null, WorkerOptions? workers = null, bool enable = true)
    {
        TestPlugins.Install("TestPlugins.Wrecker", Fixture.UserRoot);
        TestPlugins.Install("TestPlugins.Last", Fixture.UserRoot);
        var host = Fixture.Create(timeout: timeout ?? TimeSpan.FromSeconds(5), canHandleDeadline: canHandleDeadline, workers: workers);
        if (enable)
        {
            Assert.That(await host.EnableAsync(hostile, load: false), Is.Null);
            Assert.That(await host.EnableAsync("Zulu", load: false), Is.Null);
        }

        await host.StartAsync();
        Assert.That(host.ActivePlugins.Select(p => (p.Name, p.Isolation)), Is.EquivalentTo(new[] { (hostile, PluginIsolation.Process), ("Zulu", PluginIsolation.Process) }));
        return host;
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            return true; // already reaped
        }
    }

    private static (int Child, int Orphan) SpawnedPids(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^child=(\d+) orphan=(\d+)$");
        Assert.That(match.Success, Is.True, text);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.That(condition(), Is.True);
    }
}
