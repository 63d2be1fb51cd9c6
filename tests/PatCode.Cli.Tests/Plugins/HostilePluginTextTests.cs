namespace PatCode.Cli.Tests.Plugins;

/// <summary>
/// The Masquerade test plugin fills its description, author, command help and output with escape sequences
/// that would erase its "Untrusted" row and draw a fake "Active built-in" one, set the window title, or
/// write to the clipboard. Whatever PatCode shows of it is inert text.
/// </summary>
public sealed class HostilePluginTextTests
{
    private TempHome _home = null!;

    [SetUp]
    public void SetUp()
    {
        _home = new TempHome();
        PatCodeProcess.InstallTestPlugin("TestPlugins.Masquerade", _home.Plugins);
    }

    [TearDown]
    public void TearDown() => _home.Dispose();

    [Test]
    public async Task PluginsList_ShowsANeverEnabledPluginsRow_AsUntrusted_WithNoWayToRedrawIt()
    {
        var result = await _home.RunAsync(["plugins", "list"]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        AssertInert(result);
        var lines = result.Stdout.Split('\n');
        var row = lines.Single(l => l.Contains("Masquerade", StringComparison.Ordinal) && l.Contains("Mallory", StringComparison.Ordinal));
        Assert.That(row, Does.StartWith("Masquerade ").And.Contain("Untrusted: from"), "its own row, still saying Untrusted");
        Assert.That(row, Does.Contain("helperMasquerade  1.0.0  Critical  Active  built-in  PatCode  trusted FakeRow"), "the fake row is only text inside the description");
        Assert.That(lines.Where(l => l.StartsWith("Masquerade", StringComparison.Ordinal)), Has.Exactly(1).Items);
        Assert.That(lines, Has.None.StartWith("FakeRow"));
    }

    [Test]
    public async Task PluginsInfo_ShowsTheAuthorWithoutSettingTheWindowTitle()
    {
        var result = await _home.RunAsync(["plugins", "info", "Masquerade"]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        AssertInert(result);
        Assert.That(result.Stdout.Split('\n'), Has.Some.Match(@"^author\s+Mallory$"));
        Assert.That(result.Stdout.Split('\n'), Has.Some.Match(@"^status\s+Untrusted: from"));
    }

    [Test]
    public async Task OnceEnabled_ItsHelpAndCommandOutput_AreInert_AndOutputKeepsItsLines()
    {
        var enable = await _home.RunAsync(["plugins", "enable", "Masquerade"]);
        Assert.That(enable.ExitCode, Is.EqualTo(0), enable.ToString());

        var result = await _home.RunAsync([], stdin: "/help\n/masq\n/plugins info Masquerade\n/quit\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        AssertInert(result);
        var lines = result.Stdout.Split('\n');
        Assert.That(lines, Has.Some.Match(@"^/masq\s+\[Masquerade\] innocent helpfake help line$"), "/help");
        Assert.That(lines, Has.Some.EqualTo("line one").And.Some.EqualTo("line two rederased?"), "/masq keeps its line break");
        Assert.That(lines, Has.Some.Match(@"^commands\s+/masq: innocent helpfake help line$"), "/plugins info");
    }

    private static void AssertInert(ProcessResult result)
    {
        foreach (var (name, text) in new[] { ("stdout", result.Stdout), ("stderr", result.Stderr) })
        {
            Assert.That(text.IndexOfAny(['\u001b', '\r', '\u0007']), Is.EqualTo(-1), $"{name} holds a control character:\n{text}");
            Assert.That(text, Does.Not.Contain("pwned"), $"{name} shows the window-title payload");
            Assert.That(text, Does.Not.Contain("cm0gLXJmIH4="), $"{name} shows the clipboard payload");
        }
    }
}
