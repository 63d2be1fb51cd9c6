using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PatCode.Core.Diagnostics;
using PatCode.Testing.Telemetry;

namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>
/// The real patcode, its Prometheus endpoint and its OTLP export, read the way an operator's tools read them:
/// promtool on a live scrape, and an OTLP collector that decodes every request.
/// </summary>
[NonParallelizable] // a thousand turns load the machine, and the exit-time bounds are timed: run alone
[CancelAfter(300_000)]
public sealed partial class TelemetryEndToEndTests
{
    private const string PlantedToken = "ghp_PlantedTokenAbCdEfGhIjKlMnOpQrStUv01";

    // Uses the chain (built-ins: CodeExplainer counts "requests", GitHelper times "read"), misses the response
    // cache, calls the model; after /clear the same question is an exact cache hit.
    private const string Question = "explain this function on my git branch";

    [Test]
    public async Task Repl_ScrapeAfterATurnOfEverything_PassesPromtool_AndHoldsWhatTheDashboardAndDocsName()
    {
        await using var world = await EndToEndWorld.StartAsync();
        var port = FreeTcpPort.Next();
        world.Environment["TELEMETRY_PROMETHEUS_PORT"] = port.ToString(CultureInfo.InvariantCulture);

        using var process = PatCodeProcess.Start(world.WorkingDirectory, world.Environment);
        await process.Process.StandardInput.WriteLineAsync(Question);
        await process.Process.StandardInput.WriteLineAsync("/clear");
        await process.Process.StandardInput.WriteLineAsync(Question);
        await WaitUntil(() => Count(process.Stdout, "The sky is blue") == 2, TimeSpan.FromSeconds(60));
        var scrape = await PrometheusScrape.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        process.Process.StandardInput.Close();
        Assert.That(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, process.Stderr);

        var (exitCode, output) = await Promtool.CheckMetricsAsync(scrape.Text);
        Assert.That(output, Is.Empty, "promtool check metrics:\n" + output);
        Assert.That(exitCode, Is.Zero);
        Assert.That(world.Emulator.ChatRequests, Has.Count.EqualTo(1), "the second answer came from the cache");
        Assert.That(Log(world), Does.Not.Contain("did not finish"), "a scrape endpoint has nothing to deliver at exit");
        Assert.Multiple(() =>
        {
            Assert.That(scrape.Families, Does.ContainKey("patcode_chat_turns_total"));
            Assert.That(scrape.Families, Does.ContainKey("patcode_chat_tokens_total"));
            Assert.That(scrape.Families["patcode_chat_time_to_first_token_seconds"], Is.EqualTo("histogram"));
            Assert.That(scrape.Families["patcode_chat_tokens_per_second"], Is.EqualTo("histogram"));
            Assert.That(scrape.Families["patcode_chain_duration_seconds"], Is.EqualTo("histogram"));
            Assert.That(scrape.Families["patcode_plugin_duration_seconds"], Is.EqualTo("histogram"));
            Assert.That(scrape.Families["patcode_plugin_executions_total"], Is.EqualTo("counter"));
            Assert.That(scrape.Families["patcode_plugin_git_helper_read_seconds"], Is.EqualTo("histogram"), "a plugin timer");
            Assert.That(scrape.Families["patcode_plugin_code_explainer_requests_total"], Is.EqualTo("counter"), "a plugin counter");
            Assert.That(scrape.Families["gen_ai_client_operation_duration_seconds"], Is.EqualTo("histogram"));
            Assert.That(scrape.LabelValues("patcode_cache_lookups_total", "result"), Is.SupersetOf(new[] { "miss", "exact" }));
            Assert.That(scrape.LabelValues("patcode_plugin_duration_seconds_count", "outcome"), Has.Member("success"));
        });

        // What reads the names moves with them: every metric the dashboard queries is in the scrape, and the
        // docs' metric table names every PatCode and GenAI metric the scrape has.
        var dashboard = File.ReadAllText(Path.Combine(PatCodeProcess.RepoRoot, "docker/grafana/dashboards/patcode.json"));
        var queried = MetricNameInQuery().Matches(dashboard).Select(m => m.Value).Distinct().ToList();
        var served = scrape.Series.Select(s => s.Split('{')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.That(queried, Is.Not.Empty);
        Assert.That(queried.Where(q => !served.Contains(q)), Is.Empty, "dashboard queries for metrics the scrape does not have");
        var docs = File.ReadAllText(Path.Combine(PatCodeProcess.RepoRoot, "docs/telemetry.md"));
        var families = scrape.Families.Keys.Where(f => (f.StartsWith("patcode_", StringComparison.Ordinal) && !f.StartsWith("patcode_plugin_git_helper", StringComparison.Ordinal) && !f.StartsWith("patcode_plugin_code_explainer", StringComparison.Ordinal)) || f.StartsWith("gen_ai_", StringComparison.Ordinal));
        Assert.That(families.Where(f => !docs.Contains($"`{f}`", StringComparison.Ordinal)), Is.Empty, "metrics missing from the table in docs/telemetry.md");
    }

    [Test]
    public async Task Repl_AThousandTurnsWithDifferentPrompts_CreateNoNewSeries()
    {
        const int Turns = 1000;
        const int WarmUp = 10;
        await using var world = await EndToEndWorld.StartAsync();
        var port = FreeTcpPort.Next();
        world.Environment["TELEMETRY_PROMETHEUS_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        var words = Enumerable.Range(0, Turns).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var endpoint = new Uri($"http://127.0.0.1:{port}/metrics");

        using var process = PatCodeProcess.Start(world.WorkingDirectory, world.Environment);
        await SendTurns(process, words.Take(WarmUp));
        await WaitUntil(() => world.Emulator.ChatRequests.Count == WarmUp, TimeSpan.FromSeconds(60));
        var before = await PrometheusScrape.GetAsync(endpoint);
        await SendTurns(process, words.Skip(WarmUp));
        await WaitUntil(() => world.Emulator.ChatRequests.Count == Turns, TimeSpan.FromSeconds(240));
        var after = await PrometheusScrape.GetAsync(endpoint);
        process.Process.StandardInput.Close();
        Assert.That(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, process.Stderr);

        Assert.That(after.Series.Except(before.Series), Is.Empty, "series created after the first turns");
        Assert.That(after.Series, Has.Count.EqualTo(before.Series.Count));
        Assert.That(words.Where(w => after.Text.Contains(w, StringComparison.Ordinal)), Is.Empty, "prompt text in a label");
        Assert.That(after.Text, Does.Not.Contain(world.WorkingDirectory), "paths in a label");
        Assert.That(after.LabelValues("patcode_chat_turns_total", "outcome").Distinct(), Is.EqualTo(new[] { "completed" }));
    }

    [TestCase("ask")]
    [TestCase("/quit")]
    public async Task CollectorThatNeverAnswers_PatcodeExitsWithinTheFlushBudget_AndTheLogSaysWhatWasDropped(string how)
    {
        await using var world = await EndToEndWorld.StartAsync();
        using var collector = new UnresponsiveCollector();
        world.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint;
        world.Emulator.EnqueueAnswer("Answered.");

        using var process = how == "ask"
            ? PatCodeProcess.Start(world.WorkingDirectory, world.Environment, "ask", "hello")
            : PatCodeProcess.Start(world.WorkingDirectory, world.Environment);
        if (how == "ask")
        {
            process.Process.StandardInput.Close();
        }
        else
        {
            await process.Process.StandardInput.WriteLineAsync("hello");
        }

        await WaitUntil(() => process.Stdout.Contains("Answered.", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        if (how == "/quit")
        {
            // Input stays open: /quit alone ends the REPL.
            await process.Process.StandardInput.WriteLineAsync("/quit");
        }

        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        clock.Stop();

        Assert.That(exit, Is.Zero, process.Stderr);
        Assert.That(() => collector.Accepted, Is.GreaterThan(0).After(10_000, 50), "patcode did connect to the collector");
        // Unbounded, traces and metrics each waited out a 5 s request timeout (11.7 s in the report).
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "from the answer (ask) or /quit to the exit");
        Assert.That(Log(world), Does.Contain("Telemetry export did not finish within 1 s at exit"));
        Assert.That(process.Stderr, Is.Empty, "a slow collector is no business of the console");
    }

    [Test]
    public async Task Ask_ContentCaptureOff_EvenWithTheOtelVariable_ExportsNoPromptOrAnswer_AndTheSpanTreeAsDocumented()
    {
        await using var world = await EndToEndWorld.StartAsync();
        using var receiver = new OtlpReceiver();
        world.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        world.Environment["TELEMETRY_EXIT_FLUSH_SECONDS"] = "30"; // about what arrives, not the exit bound
        world.Environment["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"] = "true";
        world.InstallTrustedTestPlugin("TestPlugins.Alpha");
        world.Emulator.EnqueueAnswer("The answer is 42.");

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", $"what is my token {PlantedToken} for?");
        var (_, version, _) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "--version");

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Is.EqualTo("The answer is 42.\n"));
        var spans = receiver.Spans();
        var turn = spans.Single(s => s.Name == InstrumentNames.ChatTurnSpan);
        var chain = spans.Single(s => s.Name == InstrumentNames.ChainSpan);
        var plugin = spans.Single(s => s.Name == InstrumentNames.PluginSpan && Equals(s.Attributes["patcode.plugin"], "Alpha"));
        var lookup = spans.Single(s => s.Name == InstrumentNames.CacheLookupSpan && s.ParentSpanId == turn.SpanId);
        var modelCall = spans.Single(s => s.Name == InstrumentNames.ModelCallSpan);
        var chat = spans.Single(s => s.Name.StartsWith("chat ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            // The tree: turn → chain → plugin; turn → cache lookup; turn → model call → chat <model>.
            Assert.That(turn.ParentSpanId, Is.Null);
            Assert.That(chain.ParentSpanId, Is.EqualTo(turn.SpanId));
            Assert.That(plugin.ParentSpanId, Is.EqualTo(chain.SpanId));
            Assert.That(modelCall.ParentSpanId, Is.EqualTo(turn.SpanId));
            Assert.That(chat.ParentSpanId, Is.EqualTo(modelCall.SpanId));
            Assert.That(spans.Select(s => s.TraceId).Distinct().Count(), Is.EqualTo(1), "one trace per turn");

            // Attributes as documented, namespaced, typed, and the usage once.
            Assert.That(turn.Attributes["patcode.model"], Is.EqualTo("llama3.2"));
            Assert.That(turn.Attributes["patcode.outcome"], Is.EqualTo("completed"));
            Assert.That(plugin.Attributes["patcode.outcome"], Is.EqualTo("success"));
            Assert.That(lookup.Attributes["patcode.cache.result"], Is.EqualTo("miss"));
            Assert.That(modelCall.Attributes.Keys, Is.EquivalentTo(new[] { "patcode.model", "patcode.streaming" }));
            Assert.That(chat.Attributes["gen_ai.response.finish_reasons"], Is.EqualTo(new object[] { "stop" }));
            Assert.That(chat.Attributes["gen_ai.usage.output_tokens"], Is.TypeOf<long>().And.GreaterThan(0));
            Assert.That(spans.Count(s => s.Attributes.ContainsKey("gen_ai.usage.output_tokens")), Is.EqualTo(1), "token usage once per trace");
            Assert.That(turn.Resource["service.version"], Is.EqualTo(version.Trim()), "the version patcode --version prints");
            Assert.That(spans.Where(s => s.Scope == PatCodeDiagnostics.Name).Select(s => s.ScopeVersion).Distinct(), Is.EqualTo(new[] { version.Trim() }));

            // Content capture is off: the prompt and the answer are nowhere.
            Assert.That(spans.SelectMany(s => s.Attributes.Keys), Has.None.StartsWith("gen_ai.input").And.None.StartsWith("gen_ai.output").And.None.StartsWith("gen_ai.system_instructions"));
            Assert.That(Everything(spans), Does.Not.Contain("what is my token").And.Not.Contain("The answer is 42").And.Not.Contain(PlantedToken));
        });
    }

    [Test]
    public async Task Ask_ContentCaptureOn_ExportsPromptAndAnswer_ThroughTheSecretRedactor()
    {
        await using var world = await EndToEndWorld.StartAsync();
        using var receiver = new OtlpReceiver();
        world.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint;
        world.Environment["TELEMETRY_EXIT_FLUSH_SECONDS"] = "30"; // about what arrives, not the exit bound
        world.Environment["TELEMETRY_CAPTURE_CONTENT"] = "true";
        world.Emulator.EnqueueAnswer("Rotate it: the key AKIAABCDEFGHIJKLMNOP leaked too.");

        var (exit, _, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", $"what is my token {PlantedToken} for?");

        Assert.That(exit, Is.Zero, stderr);
        var chat = receiver.Spans().Single(s => s.Name.StartsWith("chat ", StringComparison.Ordinal));
        var input = (string)chat.Attributes["gen_ai.input.messages"]!;
        var output = (string)chat.Attributes["gen_ai.output.messages"]!;
        Assert.Multiple(() =>
        {
            Assert.That(input, Does.Contain("what is my token [REDACTED] for?"));
            Assert.That(output, Does.Contain("Rotate it: the key [REDACTED] leaked too."));
            Assert.That(Everything(receiver.Spans()), Does.Not.Contain(PlantedToken).And.Not.Contain("AKIAABCDEFGHIJKLMNOP"));
        });
    }

    private static async Task SendTurns(PatCodeProcess process, IEnumerable<string> words)
    {
        var input = new StringBuilder();
        foreach (var word in words)
        {
            // /clear keeps each prompt small: the test is about series, not about long conversations.
            input.Append(CultureInfo.InvariantCulture, $"what does {word} mean?\n/clear\n");
        }

        await process.Process.StandardInput.WriteAsync(input.ToString());
        await process.Process.StandardInput.FlushAsync();
    }

    private static string Everything(IEnumerable<ReceivedSpan> spans) =>
        string.Join("\n", spans.SelectMany(s => s.Attributes.Values.Select(v => v is object?[] items ? string.Join(",", items) : Convert.ToString(v, CultureInfo.InvariantCulture))));

    private static string Log(EndToEndWorld world) =>
        string.Concat(Directory.GetFiles(Path.Combine(world.Home, "logs")).Select(File.ReadAllText));

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        Assert.That(condition(), Is.True, $"condition not reached within {timeout.TotalSeconds} s");
    }

    // A metric name in PromQL is followed by its selector or range: name{…} or name[…]; label names are not.
    [GeneratedRegex(@"\b(?:patcode|gen_ai)_[a-z0-9_]+(?=[{\[])")]
    private static partial Regex MetricNameInQuery();
}
