using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PatCode.Chat.Repl;
using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Chat.Tests.Repl;

[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class ChatReplTests
{
    [Test]
    public async Task RunAsync_SendsMessagesAndRunsSlashCommandsUntilEndOfInput()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("first answer");
        bed.Emulator.EnqueueAnswer("second answer");
        using var host = bed.CreateHost();
        using var repl = host.CreateRepl(bed.CreateRouter(host));

        var exit = await repl.RunAsync(new StringReader("question one\n/set verbose\n\"\"\"multi\nline\n\"\"\"\n"));

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(2));
        Assert.That(bed.Emulator.ChatRequests[1].Json!["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>(), Is.EqualTo("multi\nline"));
        Assert.That(bed.Output.Text, Does.Contain("first answer").And.Contain("second answer").And.Contain("Verbose:"));
        Assert.That(host.Session.Verbose, Is.True);
    }

    [Test]
    public async Task RunAsync_UnknownSlashCommand_SaysSoAndKeepsGoing()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        using var repl = host.CreateRepl(bed.CreateRouter(host));

        await repl.RunAsync(new StringReader("/frobnicate now\nstill here\n"));

        Assert.That(bed.Output.Errors.Single(), Is.EqualTo("Unknown command /frobnicate. Type /help for the list."));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(1));
    }

    [TestCase("/quit")]
    [TestCase("/exit")]
    [TestCase("/bye")]
    [TestCase("/QUIT")]
    public async Task RunAsync_Quit_StopsBeforeTheRestOfTheInput(string quit)
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        using var repl = host.CreateRepl(bed.CreateRouter(host));

        var exit = await repl.RunAsync(new StringReader($"{quit}\nnever sent\n"));

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(bed.Emulator.ChatRequests, Is.Empty);
        Assert.That(bed.Output.Errors, Is.Empty);
    }

    [Test]
    public async Task RunAsync_Help_ListsEveryWayToQuit()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        using var repl = host.CreateRepl(bed.CreateRouter(host));

        await repl.RunAsync(new StringReader("/help\n"));

        Assert.That(bed.Output.Text, Does.Contain("/quit").And.Contain("/exit").And.Contain("/bye"));
    }

    [Test]
    public async Task RunAsync_ErrorsLeaveTheReplRunningAndTheHistoryIntact()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("fine");
        using var host = bed.CreateHost();
        using var repl = host.CreateRepl(bed.CreateRouter(host));

        await repl.RunAsync(new StringReader("ok question\n/model nosuchmodel\n/export notes.txt\nsecond question\n"));

        Assert.That(bed.Output.Errors, Has.Count.EqualTo(2));
        Assert.That(host.Session.Store!.Load().Select(h => h.Content), Is.EqualTo(new[] { "ok question", "fine", "second question", "The sky is blue because air scatters blue light more than red light." }));
    }

    [Test]
    public async Task Interrupt_DuringAnAnswer_CancelsOnlyThatAnswer()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 300).Select(i => $"t{i}")));
        bed.Emulator.EnqueueAnswer("after the interrupt");
        bed.Emulator.TokenDelay = TimeSpan.FromMilliseconds(30);
        using var host = bed.CreateHost();
        using var repl = host.CreateRepl(bed.CreateRouter(host));
        await using var input = new TypedInput();

        var running = repl.RunAsync(input.Reader);
        await input.TypeAsync("long answer please");
        await ChatSessionTests.WaitUntil(() => bed.Output.Writes.Count >= 3);
        Assert.That(repl.Interrupt(), Is.True, "an answer was running");
        await ChatSessionTests.WaitUntil(() => !repl.IsAnswering);
        bed.Emulator.TokenDelay = TimeSpan.Zero;
        await input.TypeAsync("next question");
        await ChatSessionTests.WaitUntil(() => bed.Output.Text.Contains("after the interrupt", StringComparison.Ordinal));
        await ChatSessionTests.WaitUntil(() => !repl.IsAnswering); // the text shows before the answer is saved and the prompt returns
        Assert.That(repl.Interrupt(), Is.False, "at the prompt Ctrl+C ends the loop");
        var exit = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        var saved = host.Session.Store!.Load();
        Assert.That(saved.Select(h => h.Cut), Is.EqualTo(new[] { false, true, false, false }));
        Assert.That(saved[3].Content, Is.EqualTo("after the interrupt"));
    }

    [Test]
    public async Task Notify_WhileAnAnswerStreams_WaitsForTheAnswersEnd_AndAtThePromptShowsAtOnce()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("one two three four five six");
        bed.Emulator.TokenDelay = TimeSpan.FromMilliseconds(30);
        using var host = bed.CreateHost();
        using var repl = host.CreateRepl(bed.CreateRouter(host));
        await using var input = new TypedInput();

        var running = repl.RunAsync(input.Reader);
        await input.TypeAsync("a question");
        await ChatSessionTests.WaitUntil(() => bed.Output.Writes.Count >= 2);
        repl.Notify("plugin Faulty unloaded");
        Assert.That(bed.Output.DimLines, Is.Empty, "held while the answer streams");
        await ChatSessionTests.WaitUntil(() => !repl.IsAnswering);
        Assert.That(bed.Output.Lines, Is.EqualTo(new[] { "one two three four five six", "plugin Faulty unloaded" }));

        repl.Notify("plugin Faulty 1.0.1 loaded");
        Assert.That(bed.Output.DimLines[^1], Is.EqualTo("plugin Faulty 1.0.1 loaded"), "at the prompt it shows at once");
        input.Close();
        Assert.That(await running.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(ExitCodes.Success));
    }

    [Test]
    public async Task RunAsync_ACommandThatThrows_IsReportedAndTheLoopGoesOn()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        var commands = new Mock<ICommandDispatcher>();
        commands.Setup(c => c.RunAsync(It.IsAny<string>(), It.IsAny<IUserOutput>(), true, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));
        using var repl = new ChatRepl(host.Session, bed.Output, commands.Object, NullLogger.Instance);

        await repl.RunAsync(new StringReader("/broken\nstill answered\n"));

        Assert.That(bed.Output.Errors.Single(), Is.EqualTo("/broken failed: boom"));
        Assert.That(bed.Emulator.ChatRequests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_StopsWhenTheDispatcherSaysACommandAskedToQuit()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        var commands = new Mock<ICommandDispatcher>();
        commands.Setup(c => c.RunAsync("/leave", bed.Output, true, It.IsAny<CancellationToken>())).ReturnsAsync(ExitCodes.Success)
            .Callback(() => commands.Setup(c => c.QuitRequested).Returns(true));
        using var repl = new ChatRepl(host.Session, bed.Output, commands.Object, NullLogger.Instance);

        await repl.RunAsync(new StringReader("/leave\nnever sent\n"));

        Assert.That(bed.Emulator.ChatRequests, Is.Empty);
    }

    [Test]
    public async Task Interrupt_DuringACommand_CancelsTheCommandAndTheLoopGoesOn()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        var started = new TaskCompletionSource();
        var commands = new Mock<ICommandDispatcher>();
        commands.Setup(c => c.RunAsync(It.IsAny<string>(), It.IsAny<IUserOutput>(), true, It.IsAny<CancellationToken>()))
            .Returns(async (string _, IUserOutput _, bool _, CancellationToken ct) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
                return ExitCodes.Success;
            });
        using var repl = new ChatRepl(host.Session, bed.Output, commands.Object, NullLogger.Instance);
        await using var input = new TypedInput();

        var running = repl.RunAsync(input.Reader);
        await input.TypeAsync("/models");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(repl.Interrupt(), Is.True);
        await input.TypeAsync("a question after");
        await ChatSessionTests.WaitUntil(() => bed.Emulator.ChatRequests.Count == 1 && !repl.IsAnswering);
        input.Close();
        var exit = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(bed.Output.Warnings, Does.Contain("/models cancelled."));
    }
}
