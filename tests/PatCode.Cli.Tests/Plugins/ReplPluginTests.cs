namespace PatCode.Cli.Tests.Plugins;

public sealed class ReplPluginTests
{
    [Test]
    public async Task TheRepl_ServesPluginCommands_RefusesClashes_AndIsolatesAThrowingCommand()
    {
        using var home = new TempHome();
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", home.Plugins);
        PatCodeProcess.InstallTestPlugin("TestPlugins.Stopper", home.Plugins);

        var result = await home.RunAsync([], stdin: string.Join('\n',
            "/plugins enable Alpha",
            "/plugins enable Stopper",
            "/alpha hello world",
            "/boom",
            "/plugins info Stopper",
            "/help",
            "/nosuch",
            "/exit",
            ""));

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.HasStackTrace, Is.False, result.ToString());
        Assert.That(result.Stdout, Does.Contain("Alpha is enabled and trusted as its files are now and loaded."));
        Assert.That(result.Stdout, Does.Contain("alpha: hello world"), "Alpha's /alpha wins; Stopper's clashing /alpha is refused");
        Assert.That(result.Stderr, Does.Contain("error: /boom (from plugin Stopper) failed: InvalidOperationException. Details are in the log."));
        Assert.That(result.Stdout, Does.Contain("command /alpha refused: plugin Alpha already provides it"));
        Assert.That(result.Stdout, Does.Match(@"/boom\s+\[Stopper\] always throws"));
        Assert.That(result.Stdout, Does.Not.Contain("hijacked"));
        Assert.That(result.Stderr, Does.Contain("error: Unknown command /nosuch."));
        var log = string.Concat(Directory.GetFiles(home.Combine("logs")).Select(File.ReadAllText));
        Assert.That(log, Does.Contain("InvalidOperationException: boom"), "the details went to the log");
    }
}
