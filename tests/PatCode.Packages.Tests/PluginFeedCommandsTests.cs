using System.Security.Cryptography;
using PatCode.Core.Plugins;
using PatCode.Core.Plugins.Trust;
using PatCode.Packages.Tests.Support;
using PatCode.Sdk;

namespace PatCode.Packages.Tests;

/// <summary>
/// <c>plugins install &lt;id&gt;</c>, <c>update</c>, <c>outdated</c> and <c>search</c> against folder feeds holding
/// packages packed by `dotnet pack` through the SDK's targets, installed by the real installer into a real host.
/// </summary>
public sealed class PluginFeedCommandsTests
{
    private static readonly string HostSdk = SdkInfo.Version.ToString(3);

    private FeedHome _home = null!;

    [SetUp]
    public void SetUp() => _home = FeedHome.Create();

    [TearDown]
    public async Task TearDown() => await _home.DisposeAsync();

    [Test]
    public async Task InstallById_TakesTheNewestStableVersion_LeavesItUntrusted_AndRecordsWhereItCameFrom()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"), PackedFeeds.Hello("1.1.0"));

        var (exit, output) = await _home.RunAsync("install", PackedFeeds.HelloId, "--source", feed);

        Assert.That(exit, Is.Zero, string.Join('\n', output.Errors));
        Assert.That(output.Lines.Single(), Does.Contain($"Installed Hello from {PackedFeeds.HelloId} 1.1.0").And.Contain("unsigned").And.Contain("Untrusted"));
        var entry = _home.Entry("Hello");
        Assert.That(entry.Version, Is.EqualTo("1.1.0"));
        Assert.That(entry.Status, Is.EqualTo(PluginStatus.Untrusted));
        var provenance = _home.Host.ProvenanceOf("Hello")!;
        Assert.That(provenance, Is.EqualTo(new PluginProvenance(PackedFeeds.HelloId, "1.1.0", feed, Sha512(PackedFeeds.Hello("1.1.0")), "unsigned", null)));
        Assert.That(Directory.GetDirectories(_home.Plugins), Is.EqualTo(new[] { Path.Combine(_home.Plugins, "Hello") }), "no download or staging folder is left behind");
    }

    [Test]
    public async Task InstallByIdAtVersion_TakesThatVersion_AndInfoShowsThePackageFeedHashAndSignatureState()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"), PackedFeeds.Hello("1.1.0"));

        var (exit, output) = await _home.RunAsync("install", $"{PackedFeeds.HelloId}@1.0.0", "--source", feed);
        var (_, info) = await _home.RunAsync("info", "Hello");

        Assert.That(exit, Is.Zero, string.Join('\n', output.Errors));
        Assert.That(_home.Entry("Hello").Version, Is.EqualTo("1.0.0"));
        var rows = info.Tables.Single().Rows.ToDictionary(r => r[0], r => r[1]);
        Assert.That(rows["package"], Is.EqualTo($"{PackedFeeds.HelloId} 1.0.0"));
        Assert.That(rows["feed"], Is.EqualTo(feed));
        Assert.That(rows["sha512"], Is.EqualTo(Sha512(PackedFeeds.Hello("1.0.0"))));
        Assert.That(rows["signature"], Is.EqualTo("unsigned"));
    }

    [Test]
    public async Task Outdated_ThenUpdate_ShowsWhatChanged_AndTheNewVersionIsUntrustedUntilEnabledAgain()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"));
        Assert.That((await _home.RunAsync("install", PackedFeeds.HelloId, "--source", feed)).ExitCode, Is.Zero);
        Assert.That((await _home.RunAsync("enable", "Hello")).ExitCode, Is.Zero);
        Assert.That(_home.Entry("Hello").Status, Is.EqualTo(PluginStatus.Active));
        var (_, upToDate) = await _home.RunAsync("outdated");
        Assert.That(upToDate.Lines[^1], Is.EqualTo("All 1 plugins installed from feeds are up to date."));

        File.Copy(PackedFeeds.Hello("1.1.0"), Path.Combine(feed, Path.GetFileName(PackedFeeds.Hello("1.1.0"))));
        var (outdatedExit, outdated) = await _home.RunAsync("outdated");
        var (updateExit, update) = await _home.RunAsync("update", "Hello");

        Assert.That(outdatedExit, Is.Zero);
        Assert.That(outdated.Tables.Single().Rows.Single(), Is.EqualTo(new[] { "Hello", PackedFeeds.HelloId, "1.0.0", "1.1.0", feed }));
        Assert.That(updateExit, Is.Zero, string.Join('\n', update.Errors));
        Assert.That(update.Lines, Does.Contain("  version: 1.0.0 -> 1.1.0")
            .And.Contain("  author: PatCode samples -> Acme")
            .And.Contain("  files added: greetings.txt")
            .And.Contain("  files removed: none"));
        Assert.That(update.Lines[^1], Is.EqualTo("It is Untrusted until you review it and run: patcode plugins enable Hello"));
        var entry = _home.Entry("Hello");
        Assert.That((entry.Version, entry.Status), Is.EqualTo(("1.1.0", PluginStatus.Untrusted)));
        Assert.That(_home.Host.ProvenanceOf("Hello")!.Version, Is.EqualTo("1.1.0"));

        var (enableExit, enable) = await _home.RunAsync("enable", "Hello");
        Assert.That(enableExit, Is.Zero);
        Assert.That(enable.Lines[0], Is.EqualTo($"Package {PackedFeeds.HelloId} 1.1.0 from {feed}: unsigned."), "enable says what it is trusting");
        Assert.That(_home.Entry("Hello").Status, Is.EqualTo(PluginStatus.Active));
    }

    [Test]
    public async Task Update_NeverGoesBack_AndADowngradeTakesAnExplicitVersion()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"), PackedFeeds.Hello("1.1.0"));
        Assert.That((await _home.RunAsync("install", PackedFeeds.HelloId, "--source", feed)).ExitCode, Is.Zero);
        File.Delete(Path.Combine(feed, Path.GetFileName(PackedFeeds.Hello("1.1.0"))));

        var (updateExit, update) = await _home.RunAsync("update", "--all", "--source", feed);
        var (againExit, again) = await _home.RunAsync("install", PackedFeeds.HelloId, "--source", feed);
        Assert.That(_home.Entry("Hello").Version, Is.EqualTo("1.1.0"), "neither update nor a plain install went back");
        var (downExit, down) = await _home.RunAsync("install", $"{PackedFeeds.HelloId}@1.0.0", "--source", feed);

        Assert.That(updateExit, Is.Zero);
        Assert.That(update.Lines.Single(), Is.EqualTo($"Hello stays at 1.1.0: the newest on the feeds is 1.0.0; to go back, run: patcode plugins install {PackedFeeds.HelloId}@1.0.0"));
        Assert.That(againExit, Is.EqualTo(1));
        Assert.That(again.Errors.Single(), Does.Contain("already installed from Acme.PatCode.Hello 1.1.0"));
        Assert.That(downExit, Is.Zero, string.Join('\n', down.Errors));
        Assert.That(down.Lines, Does.Contain("  version: 1.1.0 -> 1.0.0").And.Contain("  files removed: greetings.txt"));
        Assert.That((_home.Entry("Hello").Version, _home.Host.ProvenanceOf("Hello")!.Version), Is.EqualTo(("1.0.0", "1.0.0")));
    }

    [Test]
    public async Task APackageThatIsNotOfTypePatCodePlugin_IsRefused_AndNothingIsInstalled()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, Path.Combine(PackedFeeds.Packages, "Acme.NotAPlugin.1.0.0.nupkg"));

        var (exit, output) = await _home.RunAsync("install", "Acme.NotAPlugin", "--source", feed);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.Errors.Single(), Is.EqualTo($"refused Acme.NotAPlugin 1.0.0 from {feed}: Acme.NotAPlugin 1.0.0 is not a PatCode plugin package (its package type is Dependency, the default, not PatCodePlugin): only plugin packages install"));
        AssertNothingInstalled();
    }

    [Test]
    public async Task APackageForANewerSdk_IsRefusedFromTheFeedsMetadata_BeforeDownload()
    {
        // Its plugin.json claims SDK 1.0.0: only the package metadata's PatCode.Sdk dependency can refuse it.
        var feed = PackedFeeds.FeedWith(_home.Path, Path.Combine(PackedFeeds.Packages, "Acme.Future.1.0.0.nupkg"));

        var (exit, output) = await _home.RunAsync("install", "Acme.Future", "--source", feed);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.Errors.Single(), Does.StartWith($"refused before download: Acme.Future 1.0.0 needs PatCode.Sdk 1.99.0, but this PatCode provides {HostSdk}: update PatCode"));
        AssertNothingInstalled();
    }

    [Test]
    public async Task APackageForANewerSdk_WhoseMetadataDoesNotSay_IsRefusedBeforeInstall()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, Path.Combine(PackedFeeds.Packages, "Acme.FutureQuiet.1.0.0.nupkg"));

        var (exit, output) = await _home.RunAsync("install", "Acme.FutureQuiet", "--source", feed);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.Errors.Single(), Does.Contain($"NewerSdk was built against PatCode.Sdk 1.99.0, but this PatCode provides {HostSdk}"));
        AssertNothingInstalled();
    }

    [Test]
    public async Task WithoutSource_TheFeedsComeFromTheNuGetConfigInTheWorkingDirectory()
    {
        var feed = PackedFeeds.FeedWith(_home.WorkingDirectory, PackedFeeds.Hello("1.0.0"));
        _home.WriteNuGetConfig(Path.GetFileName(feed)); // relative to the nuget.config, as NuGet reads it

        var (exit, output) = await _home.RunAsync("install", PackedFeeds.HelloId);

        Assert.That(exit, Is.Zero, string.Join('\n', output.Errors));
        Assert.That(_home.Host.ProvenanceOf("Hello")!.Feed, Is.EqualTo(feed));
    }

    [Test]
    public async Task Prereleases_AreTakenOnlyWithPrerelease_AndTheErrorSaysSo()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, Path.Combine(PackedFeeds.Packages, "Acme.Early.2.0.0-beta.1.nupkg"));

        var (stableExit, stable) = await _home.RunAsync("install", "Acme.Early", "--source", feed);
        var (exit, output) = await _home.RunAsync("install", "Acme.Early", "--source", feed, "--prerelease");

        Assert.That(stableExit, Is.EqualTo(1));
        Assert.That(stable.Errors.Single(), Is.EqualTo($"Acme.Early has only prerelease versions on {feed} (newest 2.0.0-beta.1): add --prerelease"));
        Assert.That(exit, Is.Zero, string.Join('\n', output.Errors));
        Assert.That(_home.Host.ProvenanceOf("Alpha")!.Version, Is.EqualTo("2.0.0-beta.1"));
    }

    [TestCase("Acme.Missing", "no package 'Acme.Missing' on")]
    [TestCase("Acme.PatCode.Hello@9.9.9", "Acme.PatCode.Hello has no version 9.9.9 on")]
    [TestCase("Acme.PatCode.Hello@banana", "'banana' is not a package version")]
    public async Task AnUnknownPackageOrVersion_GivesOneLine(string request, string message)
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"));

        var (exit, output) = await _home.RunAsync("install", request, "--source", feed);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(output.Errors.Single(), Does.Contain(message));
        AssertNothingInstalled();
    }

    [Test]
    public async Task Search_OnAFolderFeed_FindsPluginPackagesOnly()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"), PackedFeeds.Hello("1.1.0"), Path.Combine(PackedFeeds.Packages, "Acme.NotAPlugin.1.0.0.nupkg"));

        var (exit, output) = await _home.RunAsync("search", "acme", "--source", feed);
        var (noneExit, none) = await _home.RunAsync("search", "zebra", "--source", feed);

        Assert.That(exit, Is.Zero, string.Join('\n', output.Errors));
        Assert.That(output.Tables.Single().Rows.Single(), Is.EqualTo(new[] { PackedFeeds.HelloId, "1.1.0", "The Hello sample, packed as a PatCode plugin", feed }));
        Assert.That(noneExit, Is.Zero);
        Assert.That(none.Lines.Single(), Is.EqualTo("No plugin packages match 'zebra'."));
    }

    [Test]
    public async Task Search_OnAFeedWithoutASearchService_SaysSo_AndStillSearchesTheOthers()
    {
        using var remote = new ServiceIndexWithoutSearch();
        var folder = PackedFeeds.FeedWith(_home.WorkingDirectory, PackedFeeds.Hello("1.0.0"));
        _home.WriteNuGetConfig(remote.Url, Path.GetFileName(folder));

        var (exit, output) = await _home.RunAsync("search", "hello");

        Assert.That(exit, Is.Zero, string.Join('\n', output.Errors));
        Assert.That(output.Warnings.Single(), Is.EqualTo($"{remote.Url} does not support search; install from it by package id: patcode plugins install <id> --source feed0"));
        Assert.That(output.Tables.Single().Rows.Single()[0], Is.EqualTo(PackedFeeds.HelloId));
    }

    [Test]
    public async Task ReinstallingFromAPath_OrUninstalling_ForgetsThePackage()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"));
        Assert.That((await _home.RunAsync("install", PackedFeeds.HelloId, "--source", feed)).ExitCode, Is.Zero);

        Assert.That((await _home.RunAsync("install", PackedFeeds.Hello("1.0.0"), "--replace")).ExitCode, Is.Zero);
        Assert.That(_home.Host.ProvenanceOf("Hello"), Is.Null, "installed from a file now, not from a feed");
        var (overExit, over) = await _home.RunAsync("install", $"{PackedFeeds.HelloId}@1.0.0", "--source", feed);
        Assert.That(overExit, Is.EqualTo(1), "a plugin installed from a path is replaced only with --replace, as for path installs");
        Assert.That(over.Errors.Single(), Does.Contain("already installed").And.Contain("--replace"));
        Assert.That((await _home.RunAsync("install", $"{PackedFeeds.HelloId}@1.0.0", "--source", feed, "--replace")).ExitCode, Is.Zero);
        Assert.That(_home.Host.ProvenanceOf("Hello")!.Version, Is.EqualTo("1.0.0"));
        Assert.That((await _home.RunAsync("uninstall", "Hello")).ExitCode, Is.Zero);
        Assert.That(_home.Host.ProvenanceOf("Hello"), Is.Null);
    }

    [Test]
    public async Task Outdated_WhenTheNuGetConfigurationCannotBeRead_SaysSo_AndReportsNothingElse()
    {
        var feed = PackedFeeds.FeedWith(_home.Path, PackedFeeds.Hello("1.0.0"));
        Assert.That((await _home.RunAsync("install", PackedFeeds.HelloId, "--source", feed)).ExitCode, Is.Zero);
        File.WriteAllText(Path.Combine(_home.WorkingDirectory, "nuget.config"), "this is not XML");

        var (exit, output) = await _home.RunAsync("outdated");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.Errors.Single(), Does.StartWith("your NuGet configuration cannot be read"));
        Assert.That(output.Lines, Is.Empty);
        Assert.That(output.Tables, Is.Empty);
    }

    [Test]
    public async Task Update_OfAPluginNotFromAFeed_SaysSo()
    {
        Assert.That((await _home.RunAsync("install", PackedFeeds.Hello("1.0.0"))).ExitCode, Is.Zero);

        var (exit, output) = await _home.RunAsync("update", "Hello");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.Errors.Single(), Does.StartWith("Hello was not installed from a feed"));
    }

    private void AssertNothingInstalled() =>
        Assert.That(Directory.Exists(_home.Plugins) ? Directory.GetFileSystemEntries(_home.Plugins) : [], Is.Empty, "nothing installed and nothing left behind");

    private static string Sha512(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToBase64String(SHA512.HashData(stream));
    }
}
