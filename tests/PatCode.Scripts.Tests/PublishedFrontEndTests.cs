using PatCode.Scripts.Tests.Support;

namespace PatCode.Scripts.Tests;

/// <summary>
/// The native front end as install.sh and scripts/bench.sh publish it (host/PatCode.Launcher, installed as
/// <c>patcode</c> beside the managed <c>patcode-host</c>): what it answers itself must read exactly as the
/// managed host's answer, and everything else must reach the host unchanged, before the .NET runtime starts.
/// </summary>
[NonParallelizable]
public sealed class PublishedFrontEndTests
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    // Far too little address space for a .NET runtime (its GC reserves more at start), enough for a shell script.
    private const int AddressSpaceWithoutRuntimeKb = 24_000;

    private TemporaryDirectory _temp = null!;
    private string _published = null!;

    /// <summary>Argument lists and whether the front end hands them to patcode-host ("{dir}" is a plugin folder).</summary>
    private static readonly (string[] Args, bool HandedOver)[] Commands =
    [
        (["--version"], false),
        (["plugins"], false),
        (["plugins", "list"], false),
        (["--plugins-dir", "{dir}", "plugins", "list"], false),
        (["plugins", "--plugins-dir", "{dir}"], false),
        (["plugins", "list", "--plugins-dir", "{dir}", "--plugins-dir", "{dir}"], false),
        ([], true),
        (["ask", "two words", "ünïcode", ""], true),
        (["--help"], true),
        (["--version", "--help"], true),
        (["config"], true),
        (["plugins", "info", "Alpha"], true),
        (["plugins", "list", "extra"], true),
        (["plugins", "List"], true),
        (["list", "plugins"], true),
        (["plugins", "list", "--verbose"], true),
        (["-m", "llama3.2", "plugins", "list"], true),
        (["--plugins-dir"], true),
        (["plugins", "list", "--plugins-dir"], true),
        (["--plugins-dir", "-x", "plugins"], true),
        (["--plugins-dir={dir}", "plugins", "list"], true),
    ];

    [OneTimeSetUp]
    public void PublishAsInstallShDoes()
    {
        _temp = new TemporaryDirectory();
        _published = _temp.Combine("app");
        var publish = ProcessRunner.Run("dotnet", ["publish", RepositoryRoot.Combine("host", "PatCode.Cli", "PatCode.Cli.csproj"), "-c", "Release", "-o", _published, "--nologo"], timeout: PublishTimeout);
        Assert.That(publish.ExitCode, Is.Zero, publish.ToString());
        Assert.That(File.Exists(Path.Combine(_published, "patcode-host")), Is.True,
            "no patcode-host: the publish did not build the native front end (is clang or gcc installed?)\n" + publish);
    }

    [OneTimeTearDown]
    public void RemovePublishFolder() => _temp.Dispose();

    [Test]
    public void Version_IsTheManagedHostsVersion()
    {
        var front = Run(_published, "patcode", ["--version"]);
        var host = Run(_published, "patcode-host", ["--version"]);
        Assert.Multiple(() =>
        {
            Assert.That(front.ExitCode, Is.Zero, front.ToString());
            Assert.That(front.StandardOutput, Is.EqualTo(host.StandardOutput).And.Not.Empty);
        });
    }

    [Test]
    public void PluginsList_ReadsExactlyAsTheManagedHosts_ForEveryKindOfPluginFolder()
    {
        var home = _temp.Combine("home-list");
        var extra = _temp.Combine("extra-plugins");
        foreach (var plugin in new[] { "Alpha", "BadName", "NewerSdk" })
        {
            DirectoryCopy.Copy(RepositoryRoot.Combine("artifacts", "plugins", "Release", "test", "TestPlugins." + plugin), Path.Combine(extra, plugin));
        }

        Directory.CreateDirectory(Path.Combine(extra, "Empty"));
        File.WriteAllText(Path.Combine(extra, "notes.txt"), "not a plugin");
        Directory.CreateDirectory(Path.Combine(home, "plugins", "Junk"));
        File.WriteAllText(Path.Combine(home, "plugins", "Junk", "plugin.json"), "{ not json");

        string[] args = ["plugins", "list", "--plugins-dir", extra];
        var (front, host) = RunBoth(home, args);
        Assert.Multiple(() =>
        {
            Assert.That(front.ExitCode, Is.Zero, front.ToString());
            Assert.That(front.StandardOutput, Does.Contain("CodeExplainer").And.Contain("Alpha").And.Contain("BadName").And.Contain("NewerSdk"), front.ToString());
            Assert.That(front.StandardOutput, Is.EqualTo(host.StandardOutput), "stdout");
            Assert.That(front.StandardError, Is.EqualTo(host.StandardError), "stderr");
            Assert.That(front.ExitCode, Is.EqualTo(host.ExitCode), "exit code");
        });
    }

    [TestCase("{ \"plugins\": { \"enabled\": \"maybe\" } }", TestName = "PluginsList_WithAnInvalidConfigValue_FailsAsTheManagedHostDoes")]
    [TestCase("{ this is not json", TestName = "PluginsList_WithACorruptConfigFile_FailsAsTheManagedHostDoes")]
    public void PluginsList_WithBadConfiguration_SaysWhatTheManagedHostSays(string config)
    {
        var home = _temp.Combine("home-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "config.json"), config);

        var (front, host) = RunBoth(home, ["plugins", "list"]);
        Assert.Multiple(() =>
        {
            Assert.That(front.ExitCode, Is.Not.Zero, front.ToString());
            Assert.That(front.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), "one line: " + front);
            Assert.That(front.StandardError, Is.EqualTo(host.StandardError));
            Assert.That(front.ExitCode, Is.EqualTo(host.ExitCode));
        });
    }

    [Test]
    public void EachCommand_IsAnsweredHereOrHandedOver_AsTheRuleSays_EvenBeforeTheRuntimeCouldStart()
    {
        var folder = FrontEndBesideAFakeHost();
        var dir = _temp.Combine("plugin-dir");
        Directory.CreateDirectory(dir);
        foreach (var (template, handedOver) in Commands)
        {
            var args = template.Select(a => a.Replace("{dir}", dir, StringComparison.Ordinal)).ToArray();
            var shown = "[" + string.Join(", ", args.Select(a => $"'{a}'")) + "]";

            // Without the runtime's address space, only the native gate (before the runtime) can have handed over.
            var gated = RunLimited(folder, args);
            Assert.That(gated.StandardOutput.StartsWith("HOST", StringComparison.Ordinal), Is.EqualTo(handedOver), $"the gate, for {shown}: {gated}");

            var full = Run(folder, "patcode", args, _temp.Combine("home-rule"));
            Assert.That(full.StandardOutput.StartsWith("HOST", StringComparison.Ordinal), Is.EqualTo(handedOver), $"the managed rule, for {shown}: {full}");
            if (handedOver)
            {
                Assert.That(full.StandardOutput, Does.Contain(string.Concat(args.Select(a => $"arg=[{a}]\n"))), $"arguments unchanged, for {shown}: {full}");
            }
            else
            {
                Assert.That(full.ExitCode, Is.Zero, $"answered here, for {shown}: {full}");
            }
        }
    }

    [Test]
    public void HandingOver_KeepsTheProcessEnvironmentAndExitCode()
    {
        var folder = FrontEndBesideAFakeHost();
        var result = ProcessRunner.Run("bash", ["-c", $"echo \"caller=$$\"; exec '{folder}/patcode' ask hello"], new Dictionary<string, string?> { ["PATCODE_PASSED"] = "through" }, workingDirectory: folder);
        var lines = result.StandardOutput.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
            Assert.That(lines, Does.Contain(lines[0].Replace("caller=", "HOST pid=", StringComparison.Ordinal)), "the host runs in the same process: " + result);
            Assert.That(lines, Does.Contain("env=[through]"), result.ToString());
        });
    }

    [Test]
    public void WithoutTheManagedHost_AnyOtherCommandFailsWithOneLine()
    {
        var folder = _temp.Combine("alone");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(_published, "patcode"), Path.Combine(folder, "patcode"));
        File.SetUnixFileMode(Path.Combine(folder, "patcode"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = Run(folder, "patcode", ["ask", "hello"], _temp.Combine("home-alone"));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError.Trim().Split('\n'), Has.Length.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("patcode-host").And.Contain("install.sh"), result.ToString());
            Assert.That(result.StandardError, Does.Not.Contain("   at "), result.ToString());
        });
    }

    /// <summary>The published front end in a folder of its own, beside a shell script standing in for patcode-host.</summary>
    private string FrontEndBesideAFakeHost()
    {
        var folder = _temp.Combine("fake-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(_published, "patcode"), Path.Combine(folder, "patcode"));
        File.WriteAllText(Path.Combine(folder, "patcode-host"),
            "#!/bin/sh\necho \"HOST pid=$$\"\nfor a in \"$@\"; do echo \"arg=[$a]\"; done\necho \"env=[$PATCODE_PASSED]\"\nexit 7\n");
        foreach (var file in new[] { "patcode", "patcode-host" })
        {
            File.SetUnixFileMode(Path.Combine(folder, file), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }

    private ProcessResult RunLimited(string folder, string[] args) =>
        ProcessRunner.Run("bash", ["-c", $"ulimit -v {AddressSpaceWithoutRuntimeKb}; exec \"$0\" \"$@\"", Path.Combine(folder, "patcode"), .. args],
            new Dictionary<string, string?> { ["PATCODE_HOME"] = _temp.Combine("home-limited") }, workingDirectory: folder);

    private static ProcessResult Run(string folder, string program, IEnumerable<string> args, string? home = null) =>
        ProcessRunner.Run(Path.Combine(folder, program), args,
            new Dictionary<string, string?> { ["PATCODE_HOME"] = home ?? Path.Combine(folder, "..", "home-default"), ["NO_COLOR"] = "1" },
            workingDirectory: folder);

    /// <summary>The same command through the front end and through patcode-host, each on its own copy of <paramref name="home"/>; the copies' paths read as "HOME".</summary>
    private (ProcessResult Front, ProcessResult Host) RunBoth(string home, string[] args)
    {
        // Copies whose paths are as long as each other: tables size their columns to what they show.
        ProcessResult RunOnCopy(string program, string copyName)
        {
            var copy = _temp.Combine(Path.GetFileName(home) + "-" + copyName);
            DirectoryCopy.Copy(home, copy);
            var result = Run(_published, program, args, copy);
            return result with
            {
                StandardOutput = result.StandardOutput.Replace(copy, "HOME", StringComparison.Ordinal),
                StandardError = result.StandardError.Replace(copy, "HOME", StringComparison.Ordinal),
            };
        }

        return (RunOnCopy("patcode", "front"), RunOnCopy("patcode-host", "hosts"));
    }
}
