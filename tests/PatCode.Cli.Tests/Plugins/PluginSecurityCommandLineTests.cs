using System.Text.Json.Nodes;

namespace PatCode.Cli.Tests.Plugins;

/// <summary>Issue 11 as a user meets it: names, installs, trusted folders, state files and permissions, through the real patcode.</summary>
public sealed class PluginSecurityCommandLineTests
{
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private TempHome _home = null!;

    [SetUp]
    public void SetUp() => _home = new TempHome();

    [TearDown]
    public void TearDown() => _home.Dispose();

    [TestCase("..")]
    [TestCase(".")]
    [TestCase("...")]
    public async Task InstallingAManifestNamedLikeAPathWithReplace_IsRefused_AndTheHomeIsIntact(string name)
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins);
        File.WriteAllText(_home.Combine("config.json"), "{}");
        Directory.CreateDirectory(_home.Combine("history"));
        var package = PatCodeProcess.InstallTestPlugin("TestPlugins.Stopper", _home.Combine("packages"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(package, "plugin.json")))!;
        manifest["name"] = name;
        File.WriteAllText(Path.Combine(package, "plugin.json"), manifest.ToJsonString());

        var result = await _home.RunAsync(["plugins", "install", package, "--replace"]);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.HasStackTrace, Is.False, result.ToString());
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain($"'{name}' is not a valid plugin name"));
        Assert.That(File.Exists(_home.Combine("config.json")), Is.True);
        Assert.That(Directory.Exists(_home.Combine("history")), Is.True);
        Assert.That(File.Exists(Path.Combine(_home.Plugins, "TestPlugins.Alpha", "TestPlugins.Alpha.dll")), Is.True);
        Assert.That(Directory.GetDirectories(_home.Plugins).Select(Path.GetFileName), Is.EqualTo(new[] { "TestPlugins.Alpha" }), "no hidden copy either");
    }

    [TestCase("enable", "..")]
    [TestCase("disable", ".")]
    [TestCase("uninstall", "..")]
    [TestCase("uninstall", "../plugins")]
    public async Task ANameThatIsNotAnIdentifier_IsRefusedInOneLine(string command, string name)
    {
        var result = await _home.RunAsync(["plugins", command, name]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr.Trim(), Is.EqualTo($"error: '{name}' is not a valid plugin name: use 1 to 64 letters, digits, '.', '-' or '_', not starting with '.'."));
        Assert.That(Directory.Exists(_home.Plugins), Is.True);
    }

    [Test]
    public async Task InstallTwiceUnderDifferentFolders_KeepsOneCopy_AndReplaceTakesItsPlace()
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins, "hand-copied");
        var source = Path.Combine(PatCodeProcess.TestPluginsDirectory, "TestPlugins.Alpha");

        var refused = await _home.RunAsync(["plugins", "install", source]);
        var replaced = await _home.RunAsync(["plugins", "install", source, "--replace"]);
        var list = await _home.RunAsync(["plugins", "list"]);

        Assert.That(refused.ExitCode, Is.EqualTo(1));
        Assert.That(refused.Stderr.Trim(), Is.EqualTo($"error: Alpha is already installed in {Path.Combine(_home.Plugins, "hand-copied")}: uninstall it first, or install with --replace"));
        Assert.That(replaced.ExitCode, Is.EqualTo(0), replaced.ToString());
        Assert.That(Directory.GetDirectories(_home.Plugins).Select(Path.GetFileName), Is.EqualTo(new[] { "Alpha" }));
        Assert.That(list.Stdout.Split('\n').Count(l => l.StartsWith("Alpha ", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task ARelativeTrustedDir_IsAConfigurationError_AndNothingFromTheCurrentFolderRuns()
    {
        // The attack: a repository with a plugins/ folder, and a user whose trustedDirs says "plugins".
        var marker = _home.Combine("marker.txt");
        PatCodeProcess.InstallTestPlugin("TestPlugins.Marker", _home.Combine("repo", "plugins"));
        var environment = new Dictionary<string, string> { ["PATCODE_TRUSTED_PLUGINS_DIRS"] = "plugins", ["PATCODE_TEST_MARKER"] = marker };

        var result = await PatCodeProcess.RunAsync(_home.Combine("repo"), new Dictionary<string, string>(environment) { ["PATCODE_HOME"] = _home.Path }, "/quit\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr.Trim(), Does.StartWith("error: Invalid value for 'plugins.trustedDirs' from env PATCODE_TRUSTED_PLUGINS_DIRS: 'plugins' is a relative path; give the folder as an absolute path"));
        Assert.That(File.Exists(marker), Is.False);

        var absolute = await PatCodeProcess.RunAsync(_home.Combine("repo"), new Dictionary<string, string>(environment) { ["PATCODE_HOME"] = _home.Path, ["PATCODE_TRUSTED_PLUGINS_DIRS"] = _home.Combine("repo", "plugins") }, "/quit\n");
        Assert.That(absolute.ExitCode, Is.EqualTo(0), absolute.ToString());
        Assert.That(File.Exists(marker), Is.True, "given as an absolute path the same folder is trusted (so the check above could fail)");
    }

    [Test]
    public async Task APluginsJsonWithADuplicateKey_IsMovedAsideWithAWarning_AndEveryCommandStillWorks()
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins);
        var contents = """{ "version": 1, "plugins": { "Alpha": { "enabled": true }, "Alpha": { "enabled": false } } }""";
        File.WriteAllText(_home.Combine("plugins.json"), contents);

        var list = await _home.RunAsync(["plugins", "list"]);
        var again = await _home.RunAsync(["plugins", "list"]);

        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        Assert.That(list.HasStackTrace, Is.False, list.ToString());
        Assert.That(list.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(list.Stderr, Does.StartWith($"warning: {_home.Combine("plugins.json")} could not be read").And.Contain("moved to"));
        Assert.That(list.Stdout, Does.Match(@"Alpha\s+1\.2\.3\s+High\s+Untrusted"));
        var aside = Directory.GetFiles(_home.Path, "plugins.json.corrupt-*").Single();
        Assert.That(File.ReadAllText(aside), Is.EqualTo(contents));
        Assert.That(again.Stderr, Is.Empty, "warned once; the file is gone");
    }

    [Test]
    public async Task StateFoldersOpenToOthers_AreClosedWithAWarning_AndLogFilesAreUserOnly()
    {
        foreach (var folder in new[] { _home.Path, _home.Plugins, _home.Combine("history"), _home.Combine("logs") })
        {
            Directory.CreateDirectory(folder);
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }

        PatCodeProcess.InstallTestPlugin("TestPlugins.Stopper", _home.Plugins);
        var result = await _home.RunAsync([], stdin: "/plugins enable Stopper\n/boom\n/quit\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        foreach (var folder in new[] { _home.Path, _home.Plugins, _home.Combine("history"), _home.Combine("logs") })
        {
            Assert.That(result.Stderr, Does.Contain($"warning: {folder} was writable by other users (mode 777); it is now 0700, yours only"));
            Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(PrivateFolder), folder);
        }

        var logs = Directory.GetFiles(_home.Combine("logs"));
        Assert.That(logs, Is.Not.Empty, "/boom logs an error, so there is a log file to check");
        Assert.That(logs.Select(File.GetUnixFileMode), Is.All.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(_home.Combine("plugins.json")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task DisablingInAnotherTerminal_IsNotUndone_WhenTheReplNextChangesPluginState()
    {
        PatCodeProcess.InstallTestPlugin("TestPlugins.Alpha", _home.Plugins);
        PatCodeProcess.InstallTestPlugin("TestPlugins.Stopper", _home.Plugins);
        Assert.That((await _home.RunAsync(["plugins", "enable", "Alpha"])).ExitCode, Is.EqualTo(0));

        using var repl = PatCodeProcess.Start(_home.Path, new Dictionary<string, string> { ["PATCODE_HOME"] = _home.Path });
        await repl.WaitUntilAsync(() => (repl.Stdout + repl.Stderr).Contains("plugins active", StringComparison.Ordinal));

        var disable = await _home.RunAsync(["plugins", "disable", "Alpha"]);
        Assert.That(disable.ExitCode, Is.EqualTo(0), disable.ToString());

        await repl.Process.StandardInput.WriteLineAsync("/plugins enable Stopper");
        await repl.Process.StandardInput.WriteLineAsync("/plugins list");
        await repl.Process.StandardInput.WriteLineAsync("/quit");
        Assert.That(await repl.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.EqualTo(0), repl.Stderr);

        var state = JsonNode.Parse(File.ReadAllText(_home.Combine("plugins.json")))!["plugins"]!;
        Assert.That(state["Alpha"]!["enabled"]!.GetValue<bool>(), Is.False, "the other terminal's disable survived the REPL's write");
        Assert.That(state["Stopper"]!["enabled"]!.GetValue<bool>(), Is.True);
        Assert.That(repl.Stdout, Does.Match(@"Alpha\s+1\.2\.3\s+High\s+Disabled: disabled by you"), "the REPL itself now shows Alpha disabled");
    }
}
