namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>What the model and plugins send reaches the terminal without its control sequences.</summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class TerminalSafetyEndToEndTests
{
    // A clipboard write (OSC 52), a window title whose spaces split it over several streamed tokens, and a screen clear.
    private const string HostileAnswer = "Copied!\u001b]52;c;cm0gLXJmIH4=\u0007 Done. \u001b]0;pwned by the model\u0007\u001b[2J\u001b[Hcleared\n\tindented";

    [Test]
    public async Task Ask_PipedOutput_IsTheAnswerWithOnlyItsControlSequencesRemoved()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer(HostileAnswer);

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "copy that");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo("Copied! Done. cleared\n\tindented\n"));
    }

    [Test]
    public async Task Repl_AnAnswerCarryingOsc52_NeverReachesTheTerminal_ButStaysInTheHistory()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer(HostileAnswer);

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, "copy that\n");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Copied! Done. cleared\n\tindented"));
        Assert.That((stdout + stderr).Contains('\u001b', StringComparison.Ordinal), Is.False);
        Assert.That(stdout + stderr, Does.Not.Contain("cm0gLXJmIH4=").And.Not.Contain("pwned"));
        Assert.That(world.History()[1].Content, Is.EqualTo(HostileAnswer));
    }

    [Test]
    public async Task Repl_ATruncationWarning_ShowsAPluginsSectionTitleInert()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.InstallTrustedTestPlugin("TestPlugins.Masquerade");
        File.WriteAllText(Path.Combine(world.Home, "config.json"), "{ \"chat\": { \"contextTokens\": 2048 } }");

        var (exit, _, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, "hello\n");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stderr, Does.Contain("warning: context section 'Notes' from Masquerade cut to about"));
        Assert.That(stderr.Contains('\u001b', StringComparison.Ordinal), Is.False);
        Assert.That(stderr, Does.Not.Contain("pwned"));
    }
}
