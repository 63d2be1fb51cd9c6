namespace PatCode.Cli.Tests.Plugins;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class PluginsCommandLineTests : IDisposable
{
    private readonly TempHome _home = new();

    public void Dispose() => _home.Dispose();

    [Test]
    public async Task PluginsList_ShowsEveryPluginWithStatusAndReason_ForGoodAndBrokenFolders()
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins);
        PatCodeProcess.InstallTestPlugin("TestPlugins.NewerSdk", _home.Plugins);
        Directory.CreateDirectory(Path.Combine(_home.Plugins, "NoManifest"));
        File.WriteAllBytes(Path.Combine(_home.Plugins, "stray.dll"), []);

        var result = await _home.RunAsync(["plugins", "list"]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.HasStackTrace, Is.False, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.That(lines[0], Does.StartWith("name").And.Contain("version").And.Contain("priority").And.Contain("status").And.Contain("isolation").And.Contain("source").And.Contain("author").And.Contain("description"));
        Assert.That(lines.Single(l => l.StartsWith("Alpha ", StringComparison.Ordinal)), Does.Contain("1.2.3").And.Contain("High").And.Contain("Untrusted: from").And.Contain("PatCode tests"));
        Assert.That(lines.Single(l => l.StartsWith("NewerSdk ", StringComparison.Ordinal)), Does.Contain("Incompatible: built against PatCode.Sdk 1.99.0"));
        Assert.That(lines.Single(l => l.StartsWith("NoManifest ", StringComparison.Ordinal)), Does.Contain("Invalid: no plugin.json"));
        Assert.That(lines.Single(l => l.StartsWith("stray ", StringComparison.Ordinal)), Does.Contain("Invalid: stray.dll lies loose"));
        Assert.That(lines.Single(l => l.StartsWith("GitHelper ", StringComparison.Ordinal)), Does.Match(@"GitHelper\s+1\.0\.0\s+Normal\s+Active\s+in-process\s+built-in\s+PatCode"), "the built-ins load from beside the host, in process");
    }

    [Test]
    public async Task EnableThenList_TrustsAUserPlugin_AndDisableTurnsItOff()
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins);

        var enable = await _home.RunAsync(["plugins", "enable", "Alpha"]);
        Assert.That(enable.ExitCode, Is.EqualTo(0), enable.ToString());
        Assert.That(enable.Stdout, Does.Contain("Alpha is enabled and trusted"));
        Assert.That((await _home.RunAsync(["plugins", "list"])).Stdout, Does.Match(@"Alpha\s+1\.2\.3\s+High\s+Active"));

        var disable = await _home.RunAsync(["plugins", "disable", "alpha"]);
        Assert.That(disable.ExitCode, Is.EqualTo(0), disable.ToString());
        Assert.That((await _home.RunAsync(["plugins", "list"])).Stdout, Does.Contain("Disabled: disabled by you"));
    }

    [Test]
    public async Task AnUnknownPluginName_GivesOneLineWithNearMatches_AndExitCode2()
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins);

        var result = await _home.RunAsync(["plugins", "enable", "Alfa"]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr.Trim(), Is.EqualTo("error: No plugin named 'Alfa'. Did you mean: Alpha? Run /plugins list to see them all."));
        Assert.That(result.Stdout, Is.Empty);
    }

    [TestCase(new[] { "--bogus" }, "Unrecognized command or argument '--bogus'")]
    [TestCase(new[] { "plugins", "frobnicate" }, "Unknown or incomplete /plugins command 'frobnicate'")]
    public async Task BadCommandLines_GiveOneLine_AndExitCode2(string[] args, string message)
    {
        var result = await _home.RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain(message));
        Assert.That(result.HasStackTrace, Is.False);
    }

    [Test]
    public async Task ACorruptConfigFile_GivesOneLineNamingTheFile()
    {
        File.WriteAllText(_home.Combine("config.json"), "{ \"plugins\": ");

        var result = await _home.RunAsync(["plugins", "list"]);

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr.Trim(), Does.StartWith($"error: {_home.Combine("config.json")} is not valid JSON").And.EndWith("fix it or delete it to use the defaults."));
        Assert.That(File.ReadAllText(_home.Combine("config.json")), Is.EqualTo("{ \"plugins\": "), "the user's file is left as it was");
    }

    [Test]
    public async Task ABadValue_NamesTheKeyAndItsSource()
    {
        var result = await _home.RunAsync(["plugins", "list"], environment: new Dictionary<string, string> { ["PATCODE_PLUGIN_TIMEOUT"] = "-1" });

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr.Trim(), Is.EqualTo("error: Invalid value for 'plugins.timeoutSeconds' from env PATCODE_PLUGIN_TIMEOUT: '-1' is not a number from 0.05 to 600."));
    }

    [Test]
    public async Task AnUnreadablePluginFolder_IsListedWithAReason_WhenRunAsAnOrdinaryUser()
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins);
        var locked = Directory.CreateDirectory(Path.Combine(_home.Plugins, "Locked")).FullName;
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", locked, "inner");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        string[]? prefix = null;
        if (Environment.UserName == "root")
        {
            // Root reads any folder; run the listing as "nobody" so the permission really applies.
            foreach (var entry in Directory.GetFileSystemEntries(_home.Path, "*", SearchOption.AllDirectories).Where(e => !e.StartsWith(locked, StringComparison.Ordinal)).Append(_home.Path))
            {
                File.SetUnixFileMode(entry, File.GetAttributes(entry).HasFlag(FileAttributes.Directory) ? (UnixFileMode)0b111_111_111 : (UnixFileMode)0b110_110_110);
            }

            File.SetUnixFileMode(locked, UnixFileMode.None);
            prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
            Assert.That(File.Exists("/usr/bin/setpriv"), Is.True, "setpriv (util-linux) is needed to run as an ordinary user");
        }

        var result = await _home.RunAsync(["plugins", "list"], launcher: prefix, environment: new Dictionary<string, string> { ["HOME"] = _home.Path, ["DOTNET_CLI_HOME"] = _home.Path });

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Match(@"Locked\s+-\s+-\s+Invalid: cannot read"));
        Assert.That(result.Stdout, Does.Match(@"Alpha\s+1\.2\.3\s+High\s+Untrusted"));
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Test]
    public async Task AnUntrustedPluginThatWritesAMarkerWhenLoaded_LeavesNoMarker_InListingOrTheRepl()
    {
        var marker = _home.Combine("marker.txt");
        PatCodeProcess.InstallTestPlugin("TestPlugins.Marker", _home.Plugins);
        var environment = new Dictionary<string, string> { ["PATCODE_TEST_MARKER"] = marker };

        var list = await _home.RunAsync(["plugins", "list"], environment: environment);
        var repl = await _home.RunAsync([], stdin: "/plugins\n/quit\n", environment: environment);

        Assert.That(list.Stdout, Does.Contain("Untrusted"));
        Assert.That(repl.ExitCode, Is.EqualTo(0), repl.ToString());
        Assert.That(File.Exists(marker), Is.False);

        await _home.RunAsync(["plugins", "enable", "Marker"], environment: environment);
        Assert.That(File.Exists(marker), Is.False, "enabling from the command line loads nothing");
        await _home.RunAsync([], stdin: "/quit\n", environment: environment);
        Assert.That(File.Exists(marker), Is.True, "after enabling, the next session loads it (so the checks above could fail)");
    }
}
