using System.Diagnostics;
using System.Globalization;
using PatCode.Testing.Ollama;

namespace PatCode.Cli.Tests.Plugins;

/// <summary>
/// Hostile plugins installed from the user's folder, as an outside author's would be, run out of process beside
/// a well-behaved plugin of priority Last: whatever the hostile one does, <c>patcode ask</c> answers, names it in
/// one line on stderr, and keeps its output off stdout. In process, a plugin that takes PatCode down is named
/// and Faulted at the next start.
/// </summary>
[NonParallelizable] // each case spawns workers that may hold gigabytes or spin a core: one at a time on a 2-core machine
[CancelAfter(180_000)]
public sealed class HostilePluginProcessTests
{
    private const string Answer = "The answer.";

    [TestCase("ThreadThrower", "plugin ThreadThrower crashed (its worker died: unhandled InvalidOperationException")]
    [TestCase("AsyncVoidThrower", "plugin AsyncVoidThrower crashed (its worker died: unhandled InvalidOperationException")]
    [TestCase("Exiter", "plugin Exiter crashed (its worker died: exit code 3)")]
    [TestCase("FailFaster", "plugin FailFaster crashed (its worker died: Environment.FailFast")]
    [TestCase("StackOverflower", "plugin StackOverflower crashed (its worker died: stack overflow")]
    [TestCase("MemoryHog", "plugin MemoryHog failed: ExecuteAsync threw OutOfMemoryException")]
    [TestCase("NativeHog", "plugin NativeHog crashed (its worker died: out of memory")]
    [TestCase("SlowCanHandle", "plugin SlowCanHandle was skipped: its CanHandle did not answer within 1000 ms; its worker was stopped")] // a first call's allowance
    [TestCase("Spinner", "plugin Spinner timed out after 1 s; its worker was stopped")]
    public async Task Ask_Answers_NamesTheFailingPluginInOneLine_AndTheWellBehavedPluginsSectionReachesTheModel(string plugin, string line)
    {
        await using var world = await HostileWorld.StartAsync(plugin);
        world.Emulator.EnqueueAnswer(Answer);
        var environment = new Dictionary<string, string>
        {
            // Only the spinner is meant to meet its deadline: touching 2 GB takes a while on a busy machine.
            ["PATCODE_PLUGIN_TIMEOUT"] = plugin == "Spinner" ? "1" : "90",
        };
        if (plugin == "SlowCanHandle")
        {
            // A tight deadline for everyone: the built-ins are turned off so a busy machine cannot make them miss it.
            environment["PATCODE_PLUGIN_CANHANDLE_DEADLINE_MS"] = "200";
            foreach (var builtin in new[] { "CodeExplainer", "FileAnalyzer", "GitHelper" })
            {
                await world.RunAsync(["plugins", "disable", builtin]);
            }
        }

        var result = await world.AskAsync(environment);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo(Answer + "\n"), "only the answer on stdout");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(lines[0], Does.StartWith("warning: " + line), result.ToString());
        Assert.That(result.HasStackTrace, Is.False, result.ToString());
        Assert.That(world.Emulator.ChatRequests.Single().PromptText, Does.Contain("## Zulu (from Zulu)\nlast word"));
    }

    [Test]
    public async Task AChattyPlugin_WritesNothingToTheTerminal_ItsOutputGoesToItsLog()
    {
        await using var world = await HostileWorld.StartAsync("Chatty");
        world.Emulator.EnqueueAnswer(Answer);

        var result = await world.AskAsync();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo(Answer + "\n"));
        Assert.That(result.Stderr, Is.Empty);
        Assert.That(world.Emulator.ChatRequests.Single().PromptText, Does.Contain("## Chatty (from Chatty)\nsaid a lot"));
        var log = world.Log();
        Assert.That(log, Does.Contain("stdout: chatty stdout line 1\n").And.Contain("stderr: chatty stderr line 1000"), "its output went to its log");
    }

    [Test]
    public async Task ThreeCrashes_FaultThePlugin_StillFaultedInANewProcess_AndActiveAgainAfterEnable()
    {
        await using var world = await HostileWorld.StartAsync("ThreadThrower");
        for (var i = 0; i < 3; i++)
        {
            world.Emulator.EnqueueAnswer(Answer);
        }

        var repl = await world.RunAsync([], "first\nsecond\nthird\n");

        Assert.That(repl.ExitCode, Is.EqualTo(0), repl.ToString());
        Assert.That(repl.Stdout.Split('\n').Count(l => l == Answer), Is.EqualTo(3), "every message was answered\n" + repl);
        var crashes = repl.Stderr.Split('\n').Where(l => l.Contains("plugin ThreadThrower crashed", StringComparison.Ordinal)).ToList();
        Assert.That(crashes, Has.Count.EqualTo(3), repl.ToString());
        Assert.That(crashes[2], Does.Contain("it is now Faulted (its worker crashed 3 times within 5 minutes"));

        var list = await world.RunAsync(["plugins", "list"]);
        Assert.That(list.Stdout, Does.Match(@"ThreadThrower\s+1\.0\.0\s+Normal\s+Faulted: its worker crashed 3 times within 5 minutes"));

        var enable = await world.RunAsync(["plugins", "enable", "ThreadThrower"]);
        Assert.That(enable.ExitCode, Is.EqualTo(0), enable.ToString());
        Assert.That((await world.RunAsync(["plugins", "list"])).Stdout, Does.Match(@"ThreadThrower\s+1\.0\.0\s+Normal\s+Active\s+process"));
    }

    [Test]
    public async Task ServicesLoggerAndCommands_WorkFromAWorker_InTheRepl()
    {
        await using var world = await HostileWorld.StartAsync("Services");
        world.Emulator.EnqueueAnswer(Answer);

        var repl = await world.RunAsync([], "hello\n/svc x y\n/plugins info Services\n");

        Assert.That(repl.ExitCode, Is.EqualTo(0), repl.ToString());
        Assert.That(repl.Stdout, Does.Contain("svc: runs=1 args=x y"));
        Assert.That(repl.Stdout, Does.Match(@"isolation\s+process \(worker pid \d+, started in \d+ ms\)"));
        Assert.That(world.Emulator.ChatRequests.Single().PromptText, Does.Contain("## Services (from Services)\nrun 1; input hello"));
        var log = world.Log();
        Assert.That(log, Does.Contain("services ran 1 times"));
        Assert.That(log, Does.Contain("svc command saw runs=1"));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "the worker's process group is POSIX's")]
    public async Task WhenPatCodeIsKilled_ItsWorkersEnd_AndSoDoesWhatTheirPluginsStarted()
    {
        await using var world = await HostileWorld.StartAsync("Spawner");
        world.Emulator.EnqueueAnswer(Answer);
        using var repl = world.StartRepl(launcher: []);
        await repl.Process.StandardInput.WriteLineAsync("hello");
        await repl.WaitUntilAsync(() => world.Emulator.ChatRequests.Count == 1);
        var spawned = System.Text.RegularExpressions.Regex.Match(world.Emulator.ChatRequests[0].PromptText, @"child=(\d+) orphan=(\d+)");
        Assert.That(spawned.Success, Is.True, world.Emulator.ChatRequests[0].PromptText);
        var pids = new[] { spawned.Groups[1].Value, spawned.Groups[2].Value }.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Assert.That(pids.All(ProcessStatus.IsRunning), Is.True, "the plugin's processes outlived its call");

        repl.Process.Kill(); // SIGKILL: patcode gets no chance to stop anything itself

        // The worker sees its channel close and ends its process group, which the plugin's processes joined.
        for (var waited = 0; waited < 20_000 && pids.Any(ProcessStatus.IsRunning); waited += 50)
        {
            await Task.Delay(50);
        }

        Assert.That(pids.Where(ProcessStatus.IsRunning), Is.Empty, "still running after 20 s");
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "a terminal's SIGINT is sent with kill(1) to the process group")]
    public async Task CtrlC_OnlyTheAnswerIsCancelled_AndTheWorkersKeepRunning()
    {
        await using var world = await HostileWorld.StartAsync("Services");
        world.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 500).Select(i => $"slow{i}")));
        world.Emulator.EnqueueAnswer(Answer);
        world.Emulator.TokenDelay = TimeSpan.FromMilliseconds(40);

        // A terminal sends Ctrl+C's SIGINT to its whole foreground process group: patcode, and a worker that has
        // not yet moved to a group of its own as it starts. setsid gives patcode a group of its own, as a shell
        // gives each job.
        using var repl = world.StartRepl(launcher: ["setsid"]);
        await repl.Process.StandardInput.WriteLineAsync("/plugins info Services");
        await repl.WaitUntilAsync(() => WorkerPids(repl).Count == 1);
        var worker = WorkerPids(repl).Single();
        await repl.Process.StandardInput.WriteLineAsync("talk for a long time");
        await repl.WaitUntilAsync(() => world.Emulator.ChatRequests.Count == 1);
        await Task.Delay(500);
        using (var kill = Process.Start("kill", ["-INT", "--", "-" + repl.Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await repl.WaitUntilAsync(() => repl.Stderr.Contains("answer cancelled", StringComparison.Ordinal)); // patcode got it
        world.Emulator.TokenDelay = TimeSpan.Zero;
        await repl.Process.StandardInput.WriteLineAsync("are you there?");
        await repl.Process.StandardInput.WriteLineAsync("/plugins info Services");
        await repl.Process.StandardInput.WriteLineAsync("/quit");
        Assert.That(await repl.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(0), repl.Stderr);

        Assert.That(repl.Stdout + repl.Stderr, Does.Not.Contain("died").And.Not.Contain("crashed"), "Ctrl+C is patcode's to handle; it stops an answer, never a plugin");
        Assert.That(WorkerPids(repl), Is.EqualTo(new[] { worker, worker }), "the same worker served the whole session");
        Assert.That(world.Emulator.ChatRequests[^1].PromptText, Does.Contain("## Services (from Services)\nrun 2; input are you there?"));
    }

    [TestCase("Exiter", "ended PatCode by calling Environment.Exit", "it ended PatCode (process")]
    [TestCase("StackOverflower", null, "stopped while its code was running in process")]
    [TestCase("ThreadThrower", "crashed PatCode with an unhandled InvalidOperationException", "it ended PatCode (process")]
    public async Task InProcess_APluginThatTakesPatCodeDown_IsNamed_AndFaultedAtTheNextStart(string plugin, string? lastWords, string reason)
    {
        await using var world = await HostileWorld.StartAsync(plugin);
        var isolate = await world.RunAsync(["plugins", "isolate", plugin, "in-process"]);
        Assert.That(isolate.Stdout, Does.Contain($"{plugin} runs inside PatCode (in process) from the next session."), isolate.ToString());
        world.Emulator.EnqueueAnswer(Answer);

        var died = await world.AskAsync();

        Assert.That(died.ExitCode, plugin == "Exiter" ? Is.EqualTo(3) : Is.Not.EqualTo(0), died.ToString());
        if (lastWords is not null)
        {
            Assert.That(died.Stderr, Does.Contain($"error: plugin {plugin} {lastWords}"));
        }

        var list = await world.RunAsync(["plugins", "list"]);
        Assert.That(list.Stderr, Does.StartWith($"warning: plugin {plugin} is Faulted: "), "the next start names it");
        Assert.That(list.Stdout, Does.Match($@"{plugin}\s+1\.0\.0\s+Normal\s+Faulted: [^\n]*{System.Text.RegularExpressions.Regex.Escape(reason)}"), list.ToString());
        Assert.That(list.Stdout, Does.Match(@"Zulu\s+1\.0\.0\s+Last\s+Active"));

        world.Emulator.EnqueueAnswer(Answer);
        var next = await world.AskAsync();
        Assert.That(next.ExitCode, Is.EqualTo(0), next.ToString());
        Assert.That(next.Stdout, Is.EqualTo(Answer + "\n"), "the culprit is not loaded again");
        Assert.That(world.Emulator.ChatRequests[^1].PromptText, Does.Contain("## Zulu (from Zulu)"));
    }

    [Test]
    public async Task PluginsList_StartsNoWorker_AndShowsTheIsolation()
    {
        await using var world = await HostileWorld.StartAsync("Services");
        var marker = Path.Combine(world.Root, "marker.txt");
        PatCodeProcess.InstallTestPlugin("TestPlugins.Marker", world.Plugins);
        await world.RunAsync(["plugins", "enable", "Marker"]);

        var list = await world.RunAsync(["plugins", "list"], environment: new Dictionary<string, string> { ["PATCODE_TEST_MARKER"] = marker });

        Assert.That(list.Stdout, Does.Match(@"Marker\s+1\.0\.0\s+Normal\s+Active\s+process"));
        Assert.That(list.Stdout, Does.Match(@"GitHelper\s+1\.0\.0\s+Normal\s+Active\s+in-process\s+built-in"));
        Assert.That(File.Exists(marker), Is.False, "listing loaded no plugin and started no worker");
    }

    private static List<int> WorkerPids(PatCodeProcess repl) =>
        [.. System.Text.RegularExpressions.Regex.Matches(repl.Stdout, @"isolation\s+process \(worker pid (\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>A PATCODE_HOME with the emulator, the test plugins installed in the user's folder, and the ones under test enabled.</summary>
    private sealed class HostileWorld : IAsyncDisposable
    {
        private readonly TempHome _home;

        private HostileWorld(TempHome home, OllamaEmulator emulator)
        {
            _home = home;
            Emulator = emulator;
        }

        public OllamaEmulator Emulator { get; }

        public string Root => _home.Path;

        public string Plugins => _home.Plugins;

        public static async Task<HostileWorld> StartAsync(string plugin)
        {
            var world = new HostileWorld(new TempHome(), await OllamaEmulator.StartAsync());
            PatCodeProcess.InstallTestPlugin(plugin == "Services" ? "TestPlugins.Services" : "TestPlugins.Wrecker", world.Plugins);
            PatCodeProcess.InstallTestPlugin("TestPlugins.Last", world.Plugins);
            foreach (var name in new[] { plugin, "Zulu" })
            {
                var enable = await world.RunAsync(["plugins", "enable", name]);
                Assert.That(enable.ExitCode, Is.EqualTo(0), enable.ToString());
            }

            return world;
        }

        public Task<ProcessResult> AskAsync(IDictionary<string, string>? environment = null) => RunAsync(["ask", "hello"], environment: environment);

        public Task<ProcessResult> RunAsync(string[] args, string? stdin = null, IDictionary<string, string>? environment = null)
        {
            var variables = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["OLLAMA_HOST"] = Emulator.BaseUri.Authority };
            return _home.RunAsync(args, stdin, variables);
        }

        /// <summary>Starts patcode's REPL in this world through <paramref name="launcher"/>, to talk to while it runs.</summary>
        public PatCodeProcess StartRepl(IReadOnlyList<string> launcher)
        {
            var variables = new Dictionary<string, string> { ["PATCODE_HOME"] = Root, ["OLLAMA_HOST"] = Emulator.BaseUri.Authority };
            return PatCodeProcess.Start(Root, variables, launcher);
        }

        public string Log() => string.Concat(Directory.GetFiles(_home.Combine("logs")).Select(File.ReadAllText));

        public async ValueTask DisposeAsync()
        {
            await Emulator.DisposeAsync();
            _home.Dispose();
        }
    }
}
