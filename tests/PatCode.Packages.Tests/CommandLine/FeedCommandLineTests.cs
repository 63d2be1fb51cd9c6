using PatCode.Testing.Cli;

namespace PatCode.Packages.Tests.CommandLine;

/// <summary>The feed verbs through the real patcode process, with feeds from a nuget.config in its working directory.</summary>
public sealed class FeedCommandLineTests
{
    private string _root = null!;
    private Dictionary<string, string> _environment = null!;

    private string Work => Path.Combine(_root, "work");

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("patcode-feed-cli-").FullName;
        Directory.CreateDirectory(Work);
        // HOME too: NuGet's user-level nuget.config (with nuget.org) must not take part.
        _environment = new Dictionary<string, string> { ["PATCODE_HOME"] = Path.Combine(_root, "home"), ["HOME"] = _root };
        var feed = PackedFeeds.FeedWith(Work, PackedFeeds.Hello("1.0.0"), PackedFeeds.Hello("1.1.0"));
        File.WriteAllText(Path.Combine(Work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="plugins" value="{Path.GetFileName(feed)}" />
              </packageSources>
            </configuration>
            """);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private Task<ProcessResult> Patcode(params string[] args) => PatCodeProcess.RunAsync(Work, _environment, stdin: (string?)null, args);

    [Test]
    public async Task InstallById_FromTheWorkingDirectorysNuGetConfig_ThenInfoAndListShowIt()
    {
        var install = await Patcode("plugins", "install", $"{PackedFeeds.HelloId}@1.0.0");
        var info = await Patcode("plugins", "info", "Hello");
        var outdated = await Patcode("plugins", "outdated");

        Assert.That(install.ExitCode, Is.Zero, install.ToString());
        Assert.That(install.Stdout, Does.Contain($"Installed Hello from {PackedFeeds.HelloId} 1.0.0"));
        Assert.That(info.Stdout, Does.Match($@"package\s+{PackedFeeds.HelloId} 1\.0\.0").And.Match(@"signature\s+unsigned").And.Match(@"status\s+Untrusted"));
        Assert.That(outdated.Stdout, Does.Match($@"Hello\s+{PackedFeeds.HelloId}\s+1\.0\.0\s+1\.1\.0"));
        Assert.That(install.HasStackTrace || info.HasStackTrace || outdated.HasStackTrace, Is.False);
    }

    [Test]
    public async Task AMissingPackage_IsOneLineOnStderr_WithExitCode1()
    {
        var result = await Patcode("plugins", "install", "Acme.Nowhere");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("no package 'Acme.Nowhere' on"));
        Assert.That(result.HasStackTrace, Is.False);
    }

    [Test]
    public async Task AFeedThatCannotBeReached_IsOneLine_NotAStackTrace()
    {
        var result = await Patcode("plugins", "install", "Acme.Nowhere", "--source", "http://127.0.0.1:9/v3/index.json");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("http://127.0.0.1:9/v3/index.json"));
        Assert.That(result.HasStackTrace, Is.False);
    }
}
