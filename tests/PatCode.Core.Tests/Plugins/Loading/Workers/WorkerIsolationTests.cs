using System.Diagnostics;
using System.Diagnostics.Metrics;
using PatCode.Core.Diagnostics;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Loading.Workers;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins.Loading.Workers;

/// <summary>Plugins from the user's folder run in worker processes of their own: same behaviour, services and commands as in process.</summary>
public sealed class WorkerIsolationTests : PluginHostTestBase
{
    private static readonly string[] Projects = ["TestPlugins.Alpha", "TestPlugins.Beta", "TestPlugins.Services", "TestPlugins.Last"];
    private static readonly string[] Names = ["Alpha", "Beta", "Services", "Zulu"];

    private static readonly ChainRequest Request = new(
        "hello beta",
        Environment.CurrentDirectory,
        [new ConversationMessage(ConversationRole.User, "earlier"), new ConversationMessage(ConversationRole.Assistant, "answer")],
        [new ContextFile("/work/notes.txt", "twelve chars")]);

    [Test]
    public async Task TheSameDll_GivesTheSameSections_InProcessAndInWorkers()
    {
        foreach (var project in Projects)
        {
            TestPlugins.Install(project, Fixture.UserRoot);
        }

        var inProcess = await SectionsAsync(PluginIsolation.InProcess);
        var inWorkers = await SectionsAsync(PluginIsolation.Process);

        Assert.That(inWorkers, Is.EqualTo(inProcess));
        Assert.That(inWorkers.Select(s => s.Plugin), Is.EqualTo(new[] { "Alpha", "Beta", "Services", "Zulu" }));
        Assert.That(inWorkers[1].Content, Is.EqualTo("beta run 1, alpha ran first: True"), "an item set by one worker reaches the next");
        Assert.That(inWorkers[2].Content, Is.EqualTo("run 1; input hello beta; conversation 2; files [notes.txt:12]; earlier [Alpha/Alpha,Beta/Beta]; alpha.seen=True"), "the whole context crossed");
    }

    [Test]
    public async Task EachPlugin_RunsInAWorkerOfItsOwn_AndPluginsListStartsNone()
    {
        foreach (var project in Projects)
        {
            TestPlugins.Install(project, Fixture.UserRoot);
        }

        var host = Fixture.Create();
        foreach (var name in Names)
        {
            Assert.That(await host.EnableAsync(name, load: false), Is.Null);
        }

        host.Scan();
        Assert.That(host.ActivePlugins, Is.Empty, "a listing loads nothing and starts no worker");
        Assert.That(host.Entries.Where(e => Names.Contains(e.Name)).Select(e => e.Isolation), Is.All.EqualTo(PluginIsolation.Process));

        await host.StartAsync();

        var pids = Names.Select(n => WorkerPid(host, n)).ToList();
        Assert.That(pids, Is.Unique);
        Assert.That(pids, Does.Not.Contain(Environment.ProcessId));
        Assert.That(host.Describe("Alpha")!.RunsAs, Does.Match(@"^process \(worker pid \d+, started in \d+ ms\)$"));
    }

    [Test]
    [Platform("Linux", Reason = "reads /proc/<pid>/maps")]
    public async Task AWorker_RunsWithoutWriteXorExecute_WhilePatCodeKeepsIt()
    {
        // The runtime's W^X maps JIT-compiled code twice through a memfd named "doublemapper".
        Assume.That(File.ReadAllText("/proc/self/maps"), Does.Contain("doublemapper"), "this test process runs with W^X, as patcode does");
        TestPlugins.Install("TestPlugins.Alpha", Fixture.UserRoot);
        var host = Fixture.Create();
        Assert.That(await host.EnableAsync("Alpha", load: false), Is.Null);

        await host.StartAsync();

        Assert.That(File.ReadAllText($"/proc/{WorkerPid(host, "Alpha")}/maps"), Does.Not.Contain("doublemapper"), "the worker's start is almost all JIT, which W^X slows");
    }

    [Test]
    public async Task Services_Logger_Telemetry_AndCommands_WorkFromAWorker_FromItsConstructorOn()
    {
        TestPlugins.Install("TestPlugins.Services", Fixture.UserRoot);
        var host = Fixture.Create();
        await host.EnableAsync("Services", load: false);
        var counted = 0L;
        var composed = 0L;
        var runsName = PluginMetricNames.For("Services", "runs");
        var composedName = PluginMetricNames.For("Services", "composed");
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == runsName || instrument.Name == composedName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Interlocked.Add(ref instrument.Name == composedName ? ref composed : ref counted, value));
        listener.Start();
        await host.StartAsync();

        await host.Chain.RunAsync(Request, CancellationToken.None);
        var second = await host.Chain.RunAsync(Request, CancellationToken.None);
        var text = await host.Commands["svc"].Invoker.RunCommandAsync("svc", ["a", "b"], Environment.CurrentDirectory, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.That(second.Sections.Single().Content, Does.StartWith("run 2;"), "the cache the worker used is the host's");
        Assert.That(text, Is.EqualTo("svc: runs=2 args=a b"));
        Assert.That(Interlocked.Read(ref counted), Is.EqualTo(2), "telemetry landed in the host's meters");
        Assert.That(Interlocked.Read(ref composed), Is.EqualTo(1), "telemetry from the constructor, made before the channel was up, landed too");
        Assert.That(Fixture.Logs.Entries.Any(e => e.Category == "Services" && e.Message == "services plugin composed"), Is.True, "and so did the constructor's log line");
        Assert.That(Fixture.Logs.Entries.Any(e => e.Category == "Services" && e.Message == "services ran 2 times"), Is.True, "the plugin's logger has its name as category in the host's log");
        Assert.That(Fixture.Logs.Entries.Any(e => e.Category == "Services" && e.Message.StartsWith("Event ran", StringComparison.Ordinal)), Is.True, "telemetry events too");
        Assert.That(Fixture.Logs.Entries.Any(e => e.Category == "Services" && e.Message.Contains("svc command saw runs=2", StringComparison.Ordinal)), Is.True, "a command's logger too");
    }

    [Test]
    public async Task DisablingOrReloadingAChangedPlugin_StopsItsWorker_AndEnablingStartsOne()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.UserRoot);
        var host = Fixture.Create();
        await host.EnableAsync("Alpha", load: true);
        var first = Process.GetProcessById(WorkerPid(host, "Alpha"));

        Assert.That(await host.DisableAsync("Alpha", unload: true), Is.True);
        Assert.That(first.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "disabling stopped the worker");

        await host.EnableAsync("Alpha", load: true);
        var second = Process.GetProcessById(WorkerPid(host, "Alpha"));
        Assert.That(second.Id, Is.Not.EqualTo(first.Id));

        await host.SetIsolationAsync("Alpha", PluginIsolation.InProcess, reload: true);
        Assert.That(second.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "moving it in process stopped its worker");
        Assert.That(host.ActivePlugins.Single(p => p.Name == "Alpha").Isolation, Is.EqualTo(PluginIsolation.InProcess));
        var sections = await host.Chain.RunAsync(Request, CancellationToken.None);
        Assert.That(sections.Sections.Single().Content, Is.EqualTo("alpha saw: hello beta"));
    }

    [Test]
    public async Task TheIsolationChoice_IsKept_AcrossHosts_AndThroughDisableAndEnable()
    {
        TestPlugins.Install("TestPlugins.Alpha", Fixture.UserRoot);
        TestPlugins.Install("TestPlugins.Last", Fixture.TrustedRoot);
        var host = Fixture.Create();
        host.Scan();
        Assert.That(host.Entries.Single(e => e.Name == "Zulu").Isolation, Is.EqualTo(PluginIsolation.InProcess), "a trusted folder's plugin runs in process by default");
        Assert.That(host.Entries.Single(e => e.Name == "Alpha").Isolation, Is.EqualTo(PluginIsolation.Process), "a user plugin runs in a worker by default");

        Assert.That(await host.SetIsolationAsync("Alpha", PluginIsolation.InProcess, reload: false), Is.True);
        Assert.That(await host.SetIsolationAsync("Zulu", PluginIsolation.Process, reload: false), Is.True);
        await host.EnableAsync("Alpha", load: false);
        await host.DisableAsync("Alpha", unload: false);
        await host.EnableAsync("Alpha", load: false);
        await host.DisposeAsync();

        var again = Fixture.Create();
        again.Scan();
        Assert.That(again.Entries.Single(e => e.Name == "Alpha").Isolation, Is.EqualTo(PluginIsolation.InProcess));
        Assert.That(again.Entries.Single(e => e.Name == "Zulu").Isolation, Is.EqualTo(PluginIsolation.Process));
        Assert.That(again.Entries.Single(e => e.Name == "Zulu").Status, Is.EqualTo(PluginStatus.Active), "choosing isolation did not change a built-in's enabled state");
        Assert.That(File.ReadAllText(Fixture.StateFile), Does.Contain("\"isolation\": \"in-process\""));
    }

    private async Task<List<ContextSection>> SectionsAsync(PluginIsolation isolation)
    {
        var host = Fixture.Create(isolation: isolation);
        try
        {
            foreach (var name in Names)
            {
                Assert.That(await host.EnableAsync(name, load: false), Is.Null);
            }

            await host.StartAsync();
            Assert.That(host.ActivePlugins.Select(p => p.Isolation), Is.All.EqualTo(isolation));
            var result = await host.Chain.RunAsync(Request, CancellationToken.None);
            Assert.That(result.Runs.Select(r => r.Outcome), Is.All.EqualTo(PluginRunOutcome.Succeeded), string.Join("; ", result.Runs));
            return [.. result.Sections];
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    internal static int WorkerPid(PluginHost host, string name) =>
        host.ActivePlugins.Single(p => p.Name == name).Invoker is PatCode.Core.Plugins.Loading.Workers.WorkerInvoker { ProcessId: { } pid }
            ? pid
            : throw new AssertionException($"{name} has no running worker");
}
