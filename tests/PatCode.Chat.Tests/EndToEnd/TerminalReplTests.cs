using System.Text.Json;

namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>
/// The real <c>patcode</c> on a pseudo-terminal, typed into as a user would: line editing and history,
/// completion, bracketed paste, typed-ahead commands, Markdown answers and Ctrl+C.
/// </summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(180_000)]
[Platform(Include = "Linux", Reason = "the line editor drives the terminal through Linux termios")]
public sealed class TerminalReplTests
{
    private const string Prompt = ">>> ";
    private const string PasteOn = "\u001b[?2004h";

    [Test]
    public async Task Up_RecallsThePreviousMessage_AndEnterSendsItAgain()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("First.");
        world.Emulator.EnqueueAnswer("Again.");
        using var terminal = PtyProcess.Start(world.WorkingDirectory, world.Environment);

        await terminal.WaitForAsync(Prompt);
        await terminal.SendAsync("what is a monad?\r");
        var answered = await terminal.WaitForAsync("First.");
        await terminal.WaitForAsync(Prompt, answered);
        await terminal.SendAsync("\u001b[A");
        await terminal.WaitForAsync(Prompt + "what is a monad?", answered);
        await terminal.SendAsync("\r");
        await terminal.WaitForAsync("Again.", answered);
        await terminal.SendAsync("\u0004");

        Assert.That(await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(0));
        Assert.That(world.Emulator.ChatRequests.Select(r => LastUserMessage(r.Json!)), Is.EqualTo(new[] { "what is a monad?", "what is a monad?" }));
    }

    [Test]
    public async Task Tab_AfterASlashCommandPrefix_CompletesIt()
    {
        await using var world = await EndToEndWorld.StartAsync();
        using var terminal = PtyProcess.Start(world.WorkingDirectory, world.Environment);

        await terminal.WaitForAsync(Prompt);
        await terminal.SendAsync("/plu\t");
        var completed = await terminal.WaitForAsync(Prompt + "/plugins ");
        await terminal.SendAsync("\r");
        await terminal.WaitForAsync("CodeExplainer", completed);
        await terminal.SendAsync("/quit\r");

        Assert.That(await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(0));
        Assert.That(world.Emulator.ChatRequests, Is.Empty, "/plugins ran as a command");
    }

    [Test]
    public async Task ABracketedPasteOfThreeLines_IsOneMessage_AndOneHistoryEntry()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("Got it.");
        using var terminal = PtyProcess.Start(world.WorkingDirectory, world.Environment);

        await terminal.WaitForAsync(PasteOn);
        await terminal.WaitForAsync(Prompt);
        await terminal.PasteAsync("/usr/bin/env is the first line\nsecond line\nthird line");
        await terminal.WaitForAsync("third line");
        await terminal.SendAsync("\r");
        await terminal.WaitForAsync("Got it.");
        await terminal.SendAsync("\u0004");

        Assert.That(await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(0));
        Assert.That(world.Emulator.ChatRequests.Select(r => LastUserMessage(r.Json!)), Is.EqualTo(new[] { "/usr/bin/env is the first line\nsecond line\nthird line" }));
        var history = File.ReadAllLines(Path.Combine(world.Home, "input-history.jsonl")).Select(l => JsonSerializer.Deserialize<string>(l)).ToList();
        Assert.That(history, Is.EqualTo(new[] { "/usr/bin/env is the first line\nsecond line\nthird line" }));
    }

    [Test]
    public async Task ASlashCommandTypedAheadDuringAnAnswer_RunsAsACommand()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 40).Select(i => $"w{i}")));
        world.Emulator.EnqueueAnswer("Second answer.");
        world.Emulator.TokenDelay = TimeSpan.FromMilliseconds(50);
        using var terminal = PtyProcess.Start(world.WorkingDirectory, world.Environment);

        await terminal.WaitForAsync(Prompt);
        await terminal.SendAsync("count slowly\r");
        await terminal.WaitForAsync("w3");
        await terminal.SendAsync("/set verbose\r");
        await terminal.SendAsync("and then?\r");
        var done = await terminal.WaitForAsync("Second answer.");
        await terminal.WaitForAsync("tokens/s", done);
        await terminal.SendAsync("\u0004");

        Assert.That(await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(0));
        Assert.That(terminal.Output, Does.Contain("Verbose: tokens, speed and time to first token follow each answer."));
        Assert.That(world.Emulator.ChatRequests.Select(r => LastUserMessage(r.Json!)), Is.EqualTo(new[] { "count slowly", "and then?" }));
    }

    [Test]
    public async Task AMarkdownAnswer_IsRenderedWithStyles_AndPipedItIsExactlyWhatTheModelSent()
    {
        const string Answer = "# Sorting\n\nUse **quicksort** for `int[]`:\n\n- fast on average\n- in place\n\n```python\nprint('hi')\n```\n";
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer(Answer);
        world.Emulator.EnqueueAnswer(Answer);
        using var terminal = PtyProcess.Start(world.WorkingDirectory, world.Environment);

        await terminal.WaitForAsync(Prompt);
        await terminal.SendAsync("how do I sort?\r");
        var end = await terminal.WaitForAsync("╰");
        await terminal.WaitForAsync(Prompt, end);
        await terminal.SendAsync("\u0004");
        Assert.That(await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(0));

        var output = terminal.Output;
        Assert.That(output, Does.Contain("\u001b[1m").And.Contain("\u001b[4mSorting"), "the heading is bold and underlined");
        Assert.That(output, Does.Contain("\u001b[1mquicksort\u001b[22m"), "bold text");
        Assert.That(output, Does.Contain("\u001b[36mint[]\u001b[39m"), "inline code");
        Assert.That(output, Does.Contain("╭─ python "), "the code block is framed with its language");
        var screen = TerminalScreen.Of(output, PtyProcess.Columns).Lines;
        Assert.That(screen, Does.Contain("Sorting").And.Contain("Use quicksort for int[]:").And.Contain("• fast on average").And.Contain("• in place"));
        Assert.That(screen, Does.Contain("│ print('hi')"));
        Assert.That(string.Join('\n', screen), Does.Not.Contain("**").And.Not.Contain("```").And.Not.Contain("# Sorting"), "what was shown raw while streaming was replaced");

        var piped = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "how do I sort?");
        Assert.That(piped.ExitCode, Is.EqualTo(0), piped.Stderr);
        Assert.That(piped.Stdout, Is.EqualTo(Answer), "piped, the answer is byte for byte what the model sent");
    }

    [Test]
    public async Task CtrlC_DuringAnAnswer_CancelsOnlyTheAnswer_AndLeavesTheTerminalInItsNormalMode()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer(string.Join(' ', Enumerable.Range(1, 500).Select(i => $"slow{i}")));
        world.Emulator.EnqueueAnswer("Still here.");
        world.Emulator.TokenDelay = TimeSpan.FromMilliseconds(40);
        using var terminal = PtyProcess.Start(world.WorkingDirectory, world.Environment);

        await terminal.WaitForAsync(Prompt);
        Assert.That(await terminal.ModesAsync(), Is.EqualTo("modes icanon=0 echo=0 isig=0"), "the editor reads keys one by one");
        await terminal.SendAsync("talk for a long time\r");
        var streaming = await terminal.WaitForAsync("slow3");
        Assert.That(await terminal.ModesAsync(), Is.EqualTo("modes icanon=1 echo=1 isig=1"), "while an answer streams, the terminal is in its normal mode");
        Assert.That(LastToggle(terminal.Output[..streaming], "2004"), Is.EqualTo('l'), "bracketed paste is off during the answer");
        await terminal.SendAsync("\u0003");
        var cancelled = await terminal.WaitForAsync("answer cancelled");
        await terminal.WaitForAsync(Prompt, cancelled);
        await terminal.SendAsync("are you there?\r");
        await terminal.WaitForAsync("Still here.", cancelled);
        await terminal.SendAsync("\u0004");

        Assert.That(await terminal.WaitForExitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(0));
        Assert.That(terminal.FinalModes, Is.EqualTo("modes icanon=1 echo=1 isig=1"), "line input, echo and Ctrl+C are back after exit");
        Assert.That(LastToggle(terminal.Output, "2004"), Is.EqualTo('l'), "bracketed paste is off at exit");
        Assert.That(LastToggle(terminal.Output, "25"), Is.EqualTo('h'), "the cursor is visible at exit");
        var history = world.History();
        Assert.That(history.Select(h => h.Cut), Is.EqualTo(new[] { false, true, false, false }));
        Assert.That(history[1].Content, Does.StartWith("slow1 slow2 slow3"));
    }

    private static string LastUserMessage(System.Text.Json.Nodes.JsonNode json) =>
        json["messages"]!.AsArray()[^1]!["content"]!.GetValue<string>();

    /// <summary>Whether the last private mode sequence for <paramref name="mode"/> set it ('h') or reset it ('l').</summary>
    private static char LastToggle(string output, string mode)
    {
        var on = output.LastIndexOf($"\u001b[?{mode}h", StringComparison.Ordinal);
        var off = output.LastIndexOf($"\u001b[?{mode}l", StringComparison.Ordinal);
        return on > off ? 'h' : off >= 0 ? 'l' : '?';
    }
}
