namespace PatCode.Chat.Tests.EndToEnd;

/// <summary>One plugin adding 50 MB of context does not push out the sections of the plugins after it.</summary>
[Parallelizable(ParallelScope.All)]
[CancelAfter(120_000)]
public sealed class PluginShareEndToEndTests
{
    [Test]
    public async Task Ask_AFloodingPluginIsCutToItsShare_AndTheLaterPluginsSectionsReachTheModel()
    {
        await using var world = await EndToEndWorld.StartAsync();
        world.Emulator.EnqueueAnswer("Fine.");
        world.InstallTrustedTestPlugin("TestPlugins.Flood");
        world.InstallTrustedTestPlugin("TestPlugins.Alpha");
        world.InstallTrustedTestPlugin("TestPlugins.Last");
        File.WriteAllText(Path.Combine(world.Home, "config.json"), "{ \"chat\": { \"contextTokens\": 8192 }, \"plugins\": { \"timeoutSeconds\": 30 } }");

        var (exit, stdout, stderr) = await PatCodeProcess.RunAsync(world.WorkingDirectory, world.Environment, stdin: null, "ask", "how are things?");

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Is.EqualTo("Fine.\n"));
        var request = world.Emulator.ChatRequests.Single();
        var prompt = request.PromptText;
        // Flood is Critical and runs first; Alpha (High) and Zulu (Last) come after it.
        Assert.That(prompt, Does.Contain("## Alpha (from Alpha)\nalpha saw: how are things?"));
        Assert.That(prompt, Does.Contain("## Zulu (from Zulu)\nlast word"));
        Assert.That(prompt, Does.Contain("## Flood (from Flood)\nfff").And.Contain("fff\n[…cut to fit the context window]"));
        Assert.That(request.Body.Length, Is.LessThan(8192 * 4 + 4096), "the whole request fits the context window");
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.StartWith("warning: context section 'Flood' from Flood cut to about"));
    }
}
