using PatCode.Core.Commands;

namespace PatCode.Chat.Tests.Commands;

[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class AskCommandTests
{
    [Test]
    public async Task Ask_WithArguments_PrintsOnlyTheAnswer()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("Because of Rayleigh scattering.");
        using var host = bed.CreateHost(s => s with { Verbose = true });
        var output = new RecordingOutput();

        var exit = await Ask(host, output, inRepl: false, "why", "is", "the", "sky", "blue?");

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(output.Text, Is.EqualTo("Because of Rayleigh scattering.\n"));
        Assert.That(bed.Emulator.ChatRequests.Single().Json!["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>(), Is.EqualTo("why is the sky blue?"));
    }

    [Test]
    public async Task Ask_FromStandardInput_ReadsTheQuestion()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(stdin: () => new StringReader("question from a pipe\n"));
        var output = new RecordingOutput();

        var exit = await Ask(host, output, inRepl: false);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(bed.Emulator.ChatRequests.Single().PromptText, Does.EndWith("question from a pipe"));
    }

    [Test]
    public async Task Ask_WithAQuestionAndPipedText_SendsTheTextAfterTheQuestion()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(stdin: () => new StringReader("- old line\n+ new line\n"));
        var output = new RecordingOutput();

        var exit = await Ask(host, output, inRepl: false, "review", "this");

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(bed.Emulator.ChatRequests.Single().PromptText, Does.EndWith("review this\n\n```\n- old line\n+ new line\n```"));
    }

    [Test]
    public async Task Ask_GoesThroughThePluginChain()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Chain.Sections.Add(new Sdk.ContextSection("git-context", "Branch", "main"));
        using var host = bed.CreateHost();

        await Ask(host, new RecordingOutput(), inRepl: false, "which branch?");

        Assert.That(bed.Emulator.ChatRequests.Single().PromptText, Does.Contain("## Branch (from git-context)\nmain"));
    }

    [Test]
    public async Task Ask_Failure_ExitsNonZeroWithTheErrorOnStderr()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(s => s with { Model = "missing-model" });
        var output = new RecordingOutput();

        var exit = await Ask(host, output, inRepl: false, "hi");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(output.Text, Is.Empty);
        Assert.That(output.Errors.Single(), Does.Contain("ollama pull missing-model"));
    }

    [Test]
    public async Task Ask_WithoutAQuestion_IsAUsageError()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();
        var output = new RecordingOutput();

        var exit = await Ask(host, output, inRepl: false);

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(output.Errors.Single(), Does.StartWith("ask needs a question"));
    }

    [Test]
    public async Task Ask_DoesNotTouchTheReplHistory()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        await Ask(host, new RecordingOutput(), inRepl: false, "one-off");

        Assert.That(host.Session.History, Is.Empty);
        Assert.That(File.Exists(host.Session.Store!.FilePath), Is.False);
    }

    private static Task<int> Ask(ChatHost host, RecordingOutput output, bool inRepl, params string[] words) =>
        host.Commands.Single(c => c.Name == "ask").ExecuteAsync(new CommandInvocation(words, output, inRepl), CancellationToken.None);
}
