using System.Diagnostics;
using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Tests.Plugins.Invocation;

/// <summary>In process, a CanHandle past its deadline is skipped for that message and counted as a failure; the others go on at once.</summary>
public sealed class CanHandleDeadlineTests : PluginHostTestBase
{
    [Test]
    public async Task ASlowCanHandleInProcess_IsSkipped_TheRestOfTheChainRuns_AndThreeOverrunsFaultIt()
    {
        TestPlugins.Install("TestPlugins.Wrecker", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Alpha", Fixture.TrustedRoot);
        TestPlugins.Install("TestPlugins.Last", Fixture.TrustedRoot);
        var host = Fixture.Create(canHandleDeadline: TimeSpan.FromMilliseconds(100));
        foreach (var name in new[] { "ThreadThrower", "AsyncVoidThrower", "Exiter", "FailFaster", "StackOverflower", "MemoryHog", "NativeHog", "Spinner", "Spawner", "Chatty" })
        {
            await host.DisableAsync(name, unload: false); // none of these may run in the test process
        }

        await host.StartAsync();
        Assert.That(host.ActivePlugins.Select(p => (p.Name, p.Isolation)), Is.EqualTo(new[] { ("Alpha", PluginIsolation.InProcess), ("SlowCanHandle", PluginIsolation.InProcess), ("Zulu", PluginIsolation.InProcess) }));

        var times = new List<TimeSpan>();
        var runs = new List<ChainResult>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            runs.Add(await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None));
            times.Add(watch.Elapsed);
        }

        Assert.That(times[0], Is.LessThan(TimeSpan.FromSeconds(5)), "the first call has a start-up allowance of 1 s, not 30");
        Assert.That(times[1], Is.LessThan(TimeSpan.FromSeconds(2)), "then the 100 ms deadline holds");
        foreach (var result in runs)
        {
            Assert.That(result.Sections.Select(s => s.Plugin), Is.EqualTo(new[] { "Alpha", "Zulu" }));
            var slow = result.Runs.Single(r => r.Plugin == "SlowCanHandle");
            Assert.That(slow.Outcome, Is.EqualTo(PluginRunOutcome.OverDeadline));
        }

        Assert.That(runs[1].Runs.Single(r => r.Plugin == "SlowCanHandle").Describe(), Is.EqualTo("plugin SlowCanHandle was skipped: its CanHandle did not answer within 100 ms"));
        Assert.That(runs[2].Runs.Single(r => r.Plugin == "SlowCanHandle").Fault, Does.StartWith("failed 3 times in a row"));
        var fourth = await host.Chain.RunAsync(PluginHostFixture.Request("hi"), CancellationToken.None);
        Assert.That(fourth.Runs.Select(r => r.Plugin), Is.EqualTo(new[] { "Alpha", "Zulu" }));
    }
}
