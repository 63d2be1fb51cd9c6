using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Moq;
using PatCode.Caching.Chat;
using PatCode.Core.Answers;
using PatCode.Core.Plugins.Chain;
using PatCode.Sdk;

namespace PatCode.Chat.Tests;

[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class ChatSessionTests
{
    [Test]
    public async Task SendAsync_StreamsEachTokenToTheOutputAsItArrives()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("Rayleigh scattering makes the sky blue.");
        using var host = bed.CreateHost();

        var result = await host.Session.SendAsync("why is the sky blue?", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Completed));
        Assert.That(result.Answer, Is.EqualTo("Rayleigh scattering makes the sky blue."));
        Assert.That(bed.Output.Writes, Is.EqualTo(new[] { "Rayleigh", " scattering", " makes", " the", " sky", " blue." }));
        Assert.That(bed.Output.Errors, Is.Empty);
    }

    [Test]
    public async Task SendAsync_PluginSectionsSystemPromptAndNumCtxReachTheModel()
    {
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel("llama3.2", ContextLength: 6000)]);
        bed.Chain.Sections.Add(new ContextSection("git-context", "Git status", "branch: feature/x\nmodified: src/a.cs"));
        bed.Chain.Sections.Add(new ContextSection("project-info", "Project", "A .NET 10 solution"));
        using var host = bed.CreateHost(s => s with { SystemPrompt = "You are a test assistant." });

        await host.Session.SendAsync("what changed?", CancellationToken.None);

        var request = bed.Emulator.ChatRequests.Single().Json!;
        var messages = request["messages"]!.AsArray();
        var system = messages[0]!["content"]!.GetValue<string>();
        Assert.That(messages[0]!["role"]!.GetValue<string>(), Is.EqualTo("system"));
        Assert.That(system, Does.StartWith("You are a test assistant."));
        Assert.That(system, Does.Contain("## Git status (from git-context)\nbranch: feature/x\nmodified: src/a.cs"));
        Assert.That(system, Does.Contain("## Project (from project-info)\nA .NET 10 solution"));
        Assert.That(messages[^1]!["content"]!.GetValue<string>(), Is.EqualTo("what changed?"));
        Assert.That(request["options"]!["num_ctx"]!.GetValue<int>(), Is.EqualTo(6000), "the model's own window from /api/show");
        Assert.That(request["model"]!.GetValue<string>(), Is.EqualTo("llama3.2"));
        Assert.That(bed.Chain.Requests.Single().Input, Is.EqualTo("what changed?"));
    }

    [Test]
    public async Task SendAsync_APluginThatWentWrong_GetsOneWarningLineNamingIt_AndTheAnswerStillComes()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("Still answered.");
        bed.Chain.Sections.Add(new ContextSection("Good", "Fine", "fine"));
        bed.Chain.FailedRuns.Add(new PluginRun("Thrower", PluginRunOutcome.Failed, TimeSpan.FromMilliseconds(3), "ExecuteAsync threw InvalidOperationException"));
        bed.Chain.FailedRuns.Add(new PluginRun("Slow", PluginRunOutcome.OverDeadline, TimeSpan.FromMilliseconds(60), "its CanHandle did not answer within 50 ms"));
        bed.Chain.FailedRuns.Add(new PluginRun("Crasher", PluginRunOutcome.Crashed, TimeSpan.FromMilliseconds(9), "its worker died: exit code 3", "its worker crashed 3 times within 5 minutes (last: exit code 3)"));
        using var host = bed.CreateHost();

        var result = await host.Session.SendAsync("hello", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Completed));
        Assert.That(result.Answer, Is.EqualTo("Still answered."));
        Assert.That(bed.Output.Warnings, Is.EqualTo(new[]
        {
            "plugin Thrower failed: ExecuteAsync threw InvalidOperationException",
            "plugin Slow was skipped: its CanHandle did not answer within 50 ms",
            "plugin Crasher crashed (its worker died: exit code 3); it is now Faulted (its worker crashed 3 times within 5 minutes (last: exit code 3)): /plugins enable Crasher to try it again",
        }));
    }

    [Test]
    public async Task SendAsync_ALargeModelWindowIsCappedAndAConfiguredOneWins()
    {
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel("llama3.2", ContextLength: 131072)]);
        using var auto = bed.CreateHost();
        using var configured = bed.CreateHost(s => s with { ContextTokens = 16384 });

        await auto.Session.SendAsync("one", CancellationToken.None);
        await configured.Session.SendAsync("two", CancellationToken.None);

        var windows = bed.Emulator.ChatRequests.Select(r => r.Json!["options"]!["num_ctx"]!.GetValue<int>()).ToList();
        Assert.That(windows, Is.EqualTo(new[] { ChatSettings.AutoContextCap, 16384 }));
    }

    [Test]
    public async Task SendAsync_HistoryOfEarlierTurnsIsSentWithTheNextMessage()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("Paris.");
        using var host = bed.CreateHost();

        await host.Session.SendAsync("capital of France?", CancellationToken.None);
        await host.Session.SendAsync("and its population?", CancellationToken.None);

        var roles = bed.Emulator.ChatRequests[1].Json!["messages"]!.AsArray().Select(m => $"{m!["role"]}:{m["content"]}").ToList();
        Assert.That(roles.Skip(1), Is.EqualTo(new[] { "user:capital of France?", "assistant:Paris.", "user:and its population?" }));
    }

    [Test]
    public async Task SendAsync_WhenVerbose_PrintsTokensSpeedAndTimeToFirstTokenFromTheFinalLine()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("one two three four");
        bed.Emulator.EvalNanosecondsPerToken = 25_000_000; // 4 tokens in 0.1 s = 40 tokens/s
        using var host = bed.CreateHost(s => s with { Verbose = true });

        var result = await host.Session.SendAsync("count", CancellationToken.None);

        Assert.That(result.Metrics!.OutputTokens, Is.EqualTo(4));
        Assert.That(result.Metrics.InputTokens, Is.GreaterThan(0));
        Assert.That(result.Metrics.TokensPerSecond, Is.EqualTo(40.0).Within(0.001));
        Assert.That(result.Metrics.TimeToFirstToken, Is.Not.Null);
        var line = bed.Output.DimLines.Single();
        Assert.That(line, Does.Contain("tokens out: 4"));
        Assert.That(line, Does.Contain($"tokens in: {result.Metrics.InputTokens}"));
        Assert.That(line, Does.Contain("speed: 40.0 tokens/s"));
        Assert.That(line, Does.Match(@"first token: \d+ ms"));
    }

    [Test]
    public async Task SendAsync_WhenNotVerbose_PrintsNoFigures()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        await host.Session.SendAsync("hello", CancellationToken.None);

        Assert.That(bed.Output.DimLines, Is.Empty);
    }

    [Test]
    public async Task SendAsync_UnknownModel_SaysToPullItAndDoesNotRetry()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(s => s with { Model = "mistral" });

        var result = await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(bed.Output.Errors.Single(), Does.StartWith("model 'mistral' not found: run `ollama pull mistral`"));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(1), "a 404 is never retried");
    }

    [Test]
    public async Task SendAsync_OllamaUnreachable_NamesTheUrlAndHowToStartIt()
    {
        await using var bed = await ChatTestBed.StartAsync();
        var port = FreePort();
        using var host = bed.CreateHost(s => s with { OllamaUri = new Uri($"http://127.0.0.1:{port}/") });

        var result = await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        var error = bed.Output.Errors.Single();
        Assert.That(error, Does.Contain($"http://127.0.0.1:{port}"));
        Assert.That(error, Does.Contain("`ollama serve`"));
        Assert.That(error, Does.Contain("docker compose up -d ollama"));
    }

    [Test]
    public async Task SendAsync_ErrorLineMidStream_KeepsThePartialAnswerMarkedAsCut()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("first second third fourth");
        bed.Emulator.ErrorAfterTokens = 2;
        bed.Emulator.StreamErrorMessage = "model runner has unexpectedly stopped";
        using var host = bed.CreateHost();

        var result = await host.Session.SendAsync("go", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(result.Answer, Is.EqualTo("first second"));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("model runner has unexpectedly stopped").And.Contain("partial answer is kept"));
        var saved = host.Session.Store!.Load();
        Assert.That(saved[^1].Content, Is.EqualTo("first second"));
        Assert.That(saved[^1].Cut, Is.True);
        Assert.That(saved[^2].Content, Is.EqualTo("go"));
    }

    [Test]
    public async Task SendAsync_ServerThatNeverAnswers_TimesOutAfterTheConfiguredSeconds()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.Fault = EmulatorFault.Hang;
        using var host = bed.CreateHost(s => s with { Timeout = TimeSpan.FromSeconds(1) });

        var result = await host.Session.SendAsync("hello?", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("did not answer within 1 s (timed out)").And.Contain("chat.timeoutSeconds"));
    }

    [Test]
    public async Task SendAsync_ServerThatAnswersShowButNotChat_TimesOutOnTheChatCall()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(s => s with { Timeout = TimeSpan.FromSeconds(1) });
        await host.Session.Catalog.GetContextLengthAsync("llama3.2", CancellationToken.None);
        bed.Emulator.Fault = EmulatorFault.Hang;

        var result = await host.Session.SendAsync("hello?", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("did not answer within 1 s (timed out)"));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(1));
        Assert.That(host.Session.History.Single().Content, Is.EqualTo("hello?"), "the question stays in the history");
    }

    [Test]
    public async Task SendAsync_SilenceAfterSomeTokens_AlsoTimesOutAndKeepsThePartial()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("alpha beta gamma");
        bed.Emulator.TokenDelay = TimeSpan.FromSeconds(30);
        using var host = bed.CreateHost(s => s with { Timeout = TimeSpan.FromSeconds(1) });

        var result = await host.Session.SendAsync("hello?", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("timed out"));
    }

    [Test]
    public async Task SendAsync_503ThenSuccess_IsRetriedAndAnswers()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.FailNext(2, 503);
        using var host = bed.CreateHost(s => s with { Retries = 2 });

        var result = await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Completed));
        Assert.That(bed.Emulator.ChatRequests.Select(r => r.StatusCode), Is.EqualTo(new[] { 503, 503, 200 }));
    }

    [Test]
    public async Task SendAsync_ConnectionResetBeforeTheAnswer_IsRetried()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(s => s with { Retries = 2 });
        await host.Session.Catalog.GetContextLengthAsync("llama3.2", CancellationToken.None);
        bed.Emulator.FailNext(1, OllamaEmulator.ResetConnection);

        var result = await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Completed));
        Assert.That(bed.Emulator.ChatRequests.Select(r => (r.Dropped, r.StatusCode)), Is.EqualTo(new[] { (true, 0), (false, 200) }));
    }

    [Test]
    public async Task SendAsync_ConnectionResetBeyondTheRetries_SaysTheConnectionBroke()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(s => s with { Retries = 1 });
        await host.Session.Catalog.GetContextLengthAsync("llama3.2", CancellationToken.None);
        bed.Emulator.FailNext(5, OllamaEmulator.ResetConnection);

        var result = await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(2));
        Assert.That(bed.Output.Errors.Single(), Does.StartWith($"the connection to Ollama at {bed.Emulator.BaseUri.GetLeftPart(UriPartial.Authority)} broke"));
    }

    [Test]
    public async Task SendAsync_503BeyondTheRetries_SaysOllamaIsBusy()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.Fault = EmulatorFault.Unavailable;
        using var host = bed.CreateHost(s => s with { Retries = 2 });

        var result = await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(3));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("busy (HTTP 503"));
    }

    [Test]
    public async Task SendAsync_400IsNotRetried()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.FailNext(1, 400);
        using var host = bed.CreateHost(s => s with { Retries = 3 });

        var result = await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Failed));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(1));
        Assert.That(bed.Output.Errors.Single(), Does.StartWith("Ollama rejected the request"));
    }

    [Test]
    public async Task SendAsync_CancelledMidAnswer_AbortsTheRequestAndKeepsThePartialMarkedAsCut()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 200).Select(i => $"w{i}")));
        bed.Emulator.TokenDelay = TimeSpan.FromMilliseconds(40);
        using var host = bed.CreateHost();
        using var cancel = new CancellationTokenSource();

        var turn = host.Session.SendAsync("talk a lot", cancel.Token);
        await WaitUntil(() => bed.Output.Writes.Count >= 3);
        await cancel.CancelAsync();
        var result = await turn;

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Cancelled));
        Assert.That(result.Answer, Does.StartWith("w1 w2 w3"));
        Assert.That(result.Answer, Does.Not.Contain("w200"));
        Assert.That(bed.Output.Warnings.Single(), Does.Contain("partial answer is kept"));
        var saved = host.Session.Store!.Load();
        Assert.That(saved[^1].Cut, Is.True);
        Assert.That(saved[^1].Note, Is.EqualTo("cancelled by the user"));
        Assert.That(saved[^1].Content, Is.EqualTo(result.Answer));
        await WaitUntil(() => bed.Emulator.ChatRequests.Single().StatusCode == 499);
    }

    [Test]
    public async Task SendAsync_CutAnswerIsMarkedWhenSentBackAsHistory()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("half an answer and more");
        bed.Emulator.ErrorAfterTokens = 3;
        using var host = bed.CreateHost();
        await host.Session.SendAsync("first", CancellationToken.None);
        bed.Emulator.ErrorAfterTokens = null;

        await host.Session.SendAsync("second", CancellationToken.None);

        var contents = bed.Emulator.ChatRequests[1].Json!["messages"]!.AsArray().Select(m => m!["content"]!.GetValue<string>()).ToList();
        Assert.That(contents, Does.Contain("half an answer\n[answer cut short]"));
    }

    [Test]
    public async Task SendAsync_SectionsBeyondTheWindow_AreCutWithAWarningNeverSilently()
    {
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel("llama3.2", ContextLength: 1024)]);
        bed.Chain.Sections.Add(new ContextSection("big-plugin", "Huge", new string('x', 10_000)));
        using var host = bed.CreateHost(s => s with { SystemPrompt = "sys" });

        var result = await host.Session.SendAsync("question", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Completed));
        Assert.That(bed.Output.Warnings, Has.Some.Contains("context section 'Huge' from big-plugin cut to about"));
        var sent = bed.Emulator.ChatRequests.Single().PromptText;
        Assert.That(sent.Length, Is.LessThan(1024 * 4));
        Assert.That(sent, Does.Contain("[…cut to fit the context window]"));
    }

    [Test]
    public async Task SendAsync_OldHistoryBeyondTheWindow_IsLeftOutWithAWarning()
    {
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel("llama3.2", ContextLength: 1024)]);
        using var host = bed.CreateHost(s => s with { SystemPrompt = "sys" });
        for (var i = 0; i < 8; i++)
        {
            bed.Emulator.EnqueueAnswer(new string('a', 400));
            await host.Session.SendAsync($"question {i} " + new string('q', 100), CancellationToken.None);
        }

        Assert.That(bed.Output.Warnings, Has.Some.Match(@"\d+ older message\(s\) of the history left out"));
        Assert.That(bed.Emulator.ChatRequests[^1].PromptText, Does.Not.Contain("question 0"));
        Assert.That(bed.Emulator.ChatRequests[^1].PromptText, Does.Contain("question 7"));
    }

    [Test]
    public async Task SendAsync_MessageLargerThanTheWindow_IsRefusedWithWhy()
    {
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel("llama3.2", ContextLength: 2048)]);
        using var host = bed.CreateHost();

        var result = await host.Session.SendAsync(new string('z', 20_000), CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Refused));
        Assert.That(bed.Output.Errors.Single(), Does.StartWith("message refused").And.Contain("context window (2048 tokens"));
        Assert.That(bed.Emulator.ChatRequests, Is.Empty);
        Assert.That(host.Session.History, Is.Empty);
    }

    [Test]
    public async Task SendAsync_EmptyMessage_IsRefusedWithWhy()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        var result = await host.Session.SendAsync("   ", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Refused));
        Assert.That(bed.Output.Errors.Single(), Does.StartWith("empty message refused"));
        Assert.That(bed.Emulator.ChatRequests, Is.Empty);
    }

    [Test]
    public async Task SendAsync_DoneReasonLength_WarnsThatTheAnswerHitTheLimit()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.DoneReason = "length";
        using var host = bed.CreateHost();

        await host.Session.SendAsync("go", CancellationToken.None);

        Assert.That(bed.Output.Warnings.Single(), Does.Contain("token limit"));
    }

    [Test]
    public async Task SendAsync_ConfigureHook_AddsMiddlewareAroundTheModel()
    {
        await using var bed = await ChatTestBed.StartAsync();
        var seen = new List<string>();
        using var host = ChatHost.Create(new ChatHostOptions
        {
            Settings = bed.Settings(),
            Chain = bed.Chain,
            Output = bed.Output,
            Paths = bed.Paths,
            WorkingDirectory = bed.WorkingDirectory,
            ConfigureChatClient = (builder, _) => builder.Use((messages, options, next, ct) =>
            {
                seen.Add(messages.Last().Text);
                return next(messages, options, ct);
            }),
        });

        await host.Session.SendAsync("through the middleware", CancellationToken.None);

        Assert.That(seen, Is.EqualTo(new[] { "through the middleware" }));
    }

    [Test]
    public async Task SendAsync_ChainThatThrows_AnswersWithoutPluginContextAndWarns()
    {
        await using var bed = await ChatTestBed.StartAsync();
        var chain = new Mock<PatCode.Core.Plugins.Chain.IPluginChain>();
        chain.Setup(c => c.RunAsync(It.IsAny<PatCode.Core.Plugins.Chain.ChainRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("chain bug"));
        using var host = ChatHost.Create(new ChatHostOptions { Settings = bed.Settings(), Chain = chain.Object, Output = bed.Output, Paths = bed.Paths, WorkingDirectory = bed.WorkingDirectory });

        var result = await host.Session.SendAsync("still answer me", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Completed));
        Assert.That(bed.Output.Warnings.Single(), Does.StartWith("the plugins failed (InvalidOperationException)"));
    }

    [Test]
    public async Task SendAsync_MiddlewareThatAnswersItself_CompletesWithoutCallingOllama()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = ChatHost.Create(new ChatHostOptions
        {
            Settings = bed.Settings(s => s with { Verbose = true }),
            Chain = bed.Chain,
            Output = bed.Output,
            Paths = bed.Paths,
            WorkingDirectory = bed.WorkingDirectory,
            ConfigureChatClient = (builder, _) => builder.Use(
                getResponseFunc: null,
                getStreamingResponseFunc: (_, _, _, _) => Cached()),
            CacheHitOf = CachedAnswerMarker.HitKindOf,
        });

        var result = await host.Session.SendAsync("cached question", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(TurnStatus.Completed));
        Assert.That(result.Answer, Is.EqualTo("from the cache"));
        Assert.That(bed.Emulator.ChatRequests, Is.Empty);
        Assert.That(bed.Output.DimLines.Single(), Does.EndWith("from the response cache (exact)"));

        static async IAsyncEnumerable<Microsoft.Extensions.AI.ChatResponseUpdate> Cached()
        {
            await Task.Yield();
            yield return new Microsoft.Extensions.AI.ChatResponseUpdate(Microsoft.Extensions.AI.ChatRole.Assistant, "from the cache")
            {
                FinishReason = Microsoft.Extensions.AI.ChatFinishReason.Stop,
                AdditionalProperties = new() { [CachedAnswerMarker.Property] = "exact" },
            };
        }
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.That(condition(), Is.True, "condition not reached within 10 s");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
