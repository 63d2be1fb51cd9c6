using System.Security.Cryptography;
using System.Text;

namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>The real <c>patcode</c> process against the emulator: one-shot, the REPL through redirected stdin, and a kill mid-answer.</summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class PatCodeEndToEndTests
{
    [Test]
    public async Task Ask_PrintsOnlyTheAnswer_AndTheEnabledPluginsSectionsReachTheModel()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("All green.");
        world.InstallTrustedTestPlugin("TestPlugins.Alpha");

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "how are the tests?");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo("All green.\n"));
        var prompt = world.Emulator.ChatRequests.Single().PromptText;
        Assert.That(prompt, Does.Contain("## Alpha (from Alpha)\nalpha saw: how are the tests?"));
        Assert.That(prompt, Does.EndWith("how are the tests?"));
    }

    [Test]
    public async Task Ask_ReadsTheQuestionFromStandardInput()
    {
        await using var world = await EndToEndWorld.StartAsync();

        var (exit, stdout, _) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, "piped question\n", "ask");

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(stdout, Does.StartWith("The sky is blue"));
        Assert.That(world.Emulator.ChatRequests.Single().PromptText, Does.EndWith("piped question"));
    }

    [Test]
    public async Task Ask_UnknownModel_ExitsNonZeroAndSaysToPullIt()
    {
        await using var world = await EndToEndWorld.StartAsync();

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "--model", "mistral", "hi");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr.Trim(), Is.EqualTo("error: model 'mistral' not found: run `ollama pull mistral`, or pick a local one with /models and /model <name>."));
    }

    [Test]
    public async Task Ask_OllamaDown_SaysWhereItLookedAndHowToStartIt()
    {
        await using var world = await EndToEndWorld.StartAsync();
        var port = ChatSessionTests.FreePort();
        var environment = new Dictionary<string, string>(world.Environment) { ["OLLAMA_HOST"] = $"127.0.0.1:{port}" };

        var (exit, _, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, environment, stdin: null, "ask", "hi");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain($"Ollama is not reachable at http://127.0.0.1:{port}: start it with `ollama serve` (or `docker compose up -d ollama`)"));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1), "one line, no stack trace");
    }

    [Test]
    public async Task Ask_ServerThatNeverAnswers_TimesOutAfterTheConfiguredSeconds()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.Fault = EmulatorFault.Hang;
        File.WriteAllText(Path.Combine(world.Home, "config.json"), "{ \"chat\": { \"timeoutSeconds\": 1 } }");

        var (exit, _, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "hello?");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("did not answer within 1 s (timed out)"));
    }

    [Test]
    public async Task Repl_RedirectedStdin_ChatsRunsCommandsAndSavesTheHistory()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("First answer.");
        world.Emulator.EnqueueAnswer("Second answer.");

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(
            world.WorkingDirectory,
            world.Environment,
            "first question\n/frobnicate\n\"\"\"\nline one\nline two\n\"\"\"\n/stats\n",
            "--verbose");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("First answer.").And.Contain("Second answer."));
        Assert.That(stdout, Does.Contain("tokens out: 2").And.Contain("tokens/s"));
        Assert.That(stdout, Does.Contain("messages").And.Contain("4 (2 from you, 2 answers)"));
        Assert.That(stdout.Split('\n'), Has.Some.Match(@"^plugins active\s+\d+: .*CodeExplainer"), "the built-in plugins, in /stats");
        // Two answers, and the model's digest the cache remembers for when Ollama is down (docs/cache.md).
        Assert.That(stdout.Split('\n'), Has.Some.Match(@"^cache\s+3 entries, 0 exact and 0 near hits, 2 misses"), "the response cache, in /stats");
        Assert.That(stderr, Does.Contain("Unknown command /frobnicate."));
        Assert.That(world.Emulator.ChatRequests[1].PromptText, Does.EndWith("line one\nline two"));
        Assert.That(world.History().Select(h => h.Content), Is.EqualTo(new[] { "first question", "First answer.", "line one\nline two", "Second answer." }));
    }

    [Test]
    public async Task Repl_ErrorsKeepTheReplRunning()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("partial then broken");
        world.Emulator.ErrorAfterTokens = 1;

        using var process = PatCodeProcess.Start(world.WorkingDirectory, world.Environment);
        await process.Process.StandardInput.WriteLineAsync("breaks mid-stream");
        await ChatSessionTests.WaitUntil(() => process.Stderr.Contains("mid-answer", StringComparison.Ordinal));
        world.Emulator.ErrorAfterTokens = null;
        await process.Process.StandardInput.WriteLineAsync("/model nosuch");
        await process.Process.StandardInput.WriteLineAsync("works again");
        process.Process.StandardInput.Close();
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(process.Stderr, Does.Contain("Ollama reported an error mid-answer: " + world.Emulator.StreamErrorMessage));
        Assert.That(process.Stderr, Does.Contain("model 'nosuch' not found"));
        Assert.That(process.Stdout, Does.Contain("The sky is blue"));
        var history = world.History();
        Assert.That(history.Select(h => (h.Content, h.Cut)), Is.EqualTo(new[]
        {
            ("breaks mid-stream", false), ("partial", true), ("works again", false), ("The sky is blue because air scatters blue light more than red light.", false),
        }));
    }

    [Test]
    public async Task Repl_KilledMidAnswer_KeepsTheEarlierHistory_AndContinueResumesIt()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("Saved answer.");
        world.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 500).Select(i => $"slow{i}")));

        using (var process = PatCodeProcess.Start(world.WorkingDirectory, world.Environment))
        {
            await process.Process.StandardInput.WriteLineAsync("first question");
            await ChatSessionTests.WaitUntil(() => process.Stdout.Contains("Saved answer.", StringComparison.Ordinal));
            world.Emulator.TokenDelay = TimeSpan.FromMilliseconds(50);
            await process.Process.StandardInput.WriteLineAsync("second question");
            await ChatSessionTests.WaitUntil(() => world.Emulator.ChatRequests.Count == 2);
            await Task.Delay(300);
            process.Process.Kill(entireProcessTree: true);
            await process.Process.WaitForExitAsync();
        }

        Assert.That(world.History().Select(h => h.Content), Is.EqualTo(new[] { "first question", "Saved answer.", "second question" }));

        world.Emulator.TokenDelay = TimeSpan.Zero;
        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, "third question\n", "--continue");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Resumed 3 message(s)"));
        var resumed = world.Emulator.ChatRequests[^1].Json!["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ToList();
        Assert.That(resumed, Does.Contain("first question").And.Contain("Saved answer.").And.Contain("second question"));
        Assert.That(resumed[^1], Is.EqualTo("third question"));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "SIGINT is sent with kill(1)")]
    public async Task Repl_CtrlCDuringAnAnswerCancelsOnlyThatAnswer_AndAtThePromptExitsCleanly()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 500).Select(i => $"slow{i}")));
        world.Emulator.EnqueueAnswer("Still here.");
        world.Emulator.TokenDelay = TimeSpan.FromMilliseconds(40);

        using var process = PatCodeProcess.Start(world.WorkingDirectory, world.Environment);
        await process.Process.StandardInput.WriteLineAsync("talk for a long time");
        // The answer has no line break yet, so stdout shows nothing; the emulator shows the request instead.
        await ChatSessionTests.WaitUntil(() => world.Emulator.ChatRequests.Count == 1);
        await Task.Delay(500);
        await Interrupt(process);
        await ChatSessionTests.WaitUntil(() => process.Stderr.Contains("answer cancelled", StringComparison.Ordinal));
        await ChatSessionTests.WaitUntil(() => world.Emulator.ChatRequests[0].StatusCode == 499); // the HTTP request was cancelled
        world.Emulator.TokenDelay = TimeSpan.Zero;
        await process.Process.StandardInput.WriteLineAsync("are you there?");
        await ChatSessionTests.WaitUntil(() => process.Stdout.Contains("Still here.", StringComparison.Ordinal));
        // The answer is on screen before the turn ends (history, metrics); a Ctrl+C in between belongs to the
        // answer. The saved answer is the turn's last step, so after it the REPL is back at the prompt.
        await ChatSessionTests.WaitUntil(() => world.History().Count == 4);
        await Interrupt(process);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exit, Is.EqualTo(0));
        var history = world.History();
        Assert.That(history.Select(h => h.Cut), Is.EqualTo(new[] { false, true, false, false }));
        Assert.That(history[1].Content, Does.StartWith("slow1 slow2 slow3"));
        Assert.That(history[3].Content, Is.EqualTo("Still here."));
    }

    [Test]
    [Platform(Exclude = "Win", Reason = "SIGINT is sent with kill(1)")]
    public async Task Ask_CtrlC_CancelsAndExits130()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 500).Select(i => $"w{i}")));
        world.Emulator.TokenDelay = TimeSpan.FromMilliseconds(50);

        using var process = PatCodeProcess.Start(world.WorkingDirectory, world.Environment, "ask", "a long one");
        process.Process.StandardInput.Close();
        await ChatSessionTests.WaitUntil(() => world.Emulator.ChatRequests.Count == 1);
        await Task.Delay(300);
        await Interrupt(process);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exit, Is.EqualTo(130));
        Assert.That(process.Stdout, Does.StartWith("w1 w2"));
        Assert.That(process.Stdout, Does.Not.Contain("w500"));
    }

    [Test]
    public async Task Config_ShowsTheChatKeysAndWhereEachCameFrom()
    {
        await using var world = await EndToEndWorld.StartAsync();
        var environment = new Dictionary<string, string>(world.Environment) { ["PATCODE_MODEL"] = "qwen2.5-coder:7b" };

        var (exit, stdout, _) = await PatCodeProcess.RunAsync(world.WorkingDirectory, environment, stdin: null, "config");

        Assert.That(exit, Is.EqualTo(0));
        var lines = stdout.Split('\n');
        Assert.That(lines, Has.Some.Match(@"^ollama\.host\s+127\.0\.0\.1:\d+\s+env OLLAMA_HOST"));
        Assert.That(lines, Has.Some.Match(@"^model\s+qwen2\.5-coder:7b\s+env PATCODE_MODEL"));
        Assert.That(lines, Has.Some.Match(@"^chat\.timeoutSeconds\s+120\s+default"));
    }

    [Test]
    public async Task BadConfigValue_NamesTheKeyAndItsSource()
    {
        await using var world = await EndToEndWorld.StartAsync();
        var environment = new Dictionary<string, string>(world.Environment) { ["OLLAMA_HOST"] = "ftp://nowhere" };

        var (exit, _, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, environment, stdin: null, "ask", "hi");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("'ollama.host' from env OLLAMA_HOST"));
    }

    private static async Task Interrupt(PatCodeProcess process)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    [Test]
    public async Task Ask_TheSameQuestionTwice_IsReplayedFromTheCache_WithoutASecondModelCall()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("Use a StringBuilder in the loop.");

        var first = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "how do I speed up string concatenation?");
        var second = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "how do I speed up string concatenation?");
        var stats = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "cache", "stats");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.Stderr);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.Stderr);
        Assert.That(second.Stdout, Is.EqualTo(first.Stdout).And.EqualTo("Use a StringBuilder in the loop.\n"));
        Assert.That(world.Emulator.ChatRequests, Has.Count.EqualTo(1), "the second answer came from the cache");
        Assert.That(stats.Stdout, Does.Match(@"exact hits\s+1"));
        Assert.That(File.GetUnixFileMode(Path.Combine(world.Home, "cache.db")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Ask_ARePulledModel_MissesTheCache_TheSameBuildHits_AndWithOllamaDownTheLastDigestSeenStillAnswers()
    {
        await using var world = await EndToEndWorld.StartAsync();
        const string Question = "what does the model digest guard?";
        Task<ProcessResult> Ask(IReadOnlyDictionary<string, string> environment) =>
            PatCodeProcess.RunAsync(world.WorkingDirectory, environment, stdin: null, "ask", Question);
        // A set context window: without one, an offline run cannot ask /api/show and sends the fallback num_ctx, another key.
        File.WriteAllText(Path.Combine(world.Home, "config.json"), "{ \"chat\": { \"contextTokens\": 8192 } }");
        world.Emulator.EnqueueAnswer("Answer of the first build.");
        world.Emulator.EnqueueAnswer("Answer of the re-pulled build.");

        var first = await Ask(world.Environment);
        var sameBuild = await Ask(world.Environment);
        world.Emulator.Models = [.. world.Emulator.Models.Select(m => m with { Digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("re-pulled " + m.Name))) })];
        var rePulled = await Ask(world.Environment);
        var rePulledAgain = await Ask(world.Environment);
        var down = new Dictionary<string, string>(world.Environment) { ["OLLAMA_HOST"] = $"127.0.0.1:{ChatSessionTests.FreePort()}" };
        var offline = await Ask(down);

        Assert.That(new[] { first, sameBuild, rePulled, rePulledAgain, offline }.Select(r => r.ExitCode), Is.All.EqualTo(0), offline.Stderr);
        Assert.That(first.Stdout, Is.EqualTo("Answer of the first build.\n"));
        Assert.That(sameBuild.Stdout, Is.EqualTo(first.Stdout), "same digest: a hit");
        Assert.That(rePulled.Stdout, Is.EqualTo("Answer of the re-pulled build.\n"), "new digest: a miss, the model answers");
        Assert.That(rePulledAgain.Stdout, Is.EqualTo(rePulled.Stdout));
        Assert.That(world.Emulator.ChatRequests, Has.Count.EqualTo(2));
        Assert.That(offline.Stdout, Is.EqualTo(rePulled.Stdout), "Ollama down: the last digest seen still finds the answer");
    }

    [Test]
    public async Task Ask_WhatAPluginLogs_GoesToTheLogFile_NeverToTheChat()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("Done.");
        world.InstallTrustedTestPlugin("TestPlugins.Alpha");
        world.InstallTrustedTestPlugin("TestPlugins.Beta");

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "beta please");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo("Done.\n"));
        Assert.That(stderr, Does.Not.Contain("beta ran"));
        Assert.That(world.Emulator.ChatRequests.Single().PromptText, Does.Contain("beta run 1, alpha ran first: True"));
        var log = string.Concat(Directory.GetFiles(Path.Combine(world.Home, "logs")).Select(File.ReadAllText));
        Assert.That(log, Does.Contain("[INF] Beta: beta ran 1 times"), "the plugin's logger writes under the plugin's name");
    }

    [Test]
    public async Task Repl_AChatTurn_ProducesTheGenAiMetricsAndTheTurnsSpans_InTheTelemetryExport()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("Hello back.");
        world.InstallTrustedTestPlugin("TestPlugins.Alpha");
        var export = Path.Combine(world.WorkingDirectory, "telemetry.json");

        var (exit, _, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, $"hello\n/telemetry export {export}\n");

        Assert.That(exit, Is.EqualTo(0), stderr);
        var json = File.ReadAllText(export);
        Assert.That(json, Does.Contain("gen_ai.client.operation.duration").And.Contain("gen_ai.client.token.usage"));
        Assert.That(json, Does.Contain(PatCode.Core.Diagnostics.InstrumentNames.ChainSpan).And.Contain(PatCode.Core.Diagnostics.InstrumentNames.PluginSpan));
        Assert.That(json, Does.Contain(PatCode.Core.Diagnostics.InstrumentNames.ModelCallSpan).And.Contain(PatCode.Core.Diagnostics.InstrumentNames.CacheLookupSpan));
        Assert.That(json, Does.Contain(PatCode.Core.Diagnostics.InstrumentNames.ChatTurnSpan));
    }
}
