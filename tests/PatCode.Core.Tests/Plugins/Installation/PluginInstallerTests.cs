using System.IO.Compression;
using System.Text.Json.Nodes;
using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Installation;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Tests.Plugins.Installation;

public sealed class PluginInstallerTests
{
    private TemporaryDirectory _temp = null!;

    private string Home => _temp.Combine("home");

    private string UserPlugins => _temp.Combine("home", "plugins");

    [SetUp]
    public void SetUp()
    {
        _temp = new TemporaryDirectory();
        Directory.CreateDirectory(UserPlugins);
        File.WriteAllText(Path.Combine(Home, "config.json"), "{}");
        File.WriteAllText(Path.Combine(Home, "plugins.json"), """{ "version": 1, "plugins": {} }""");
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void InstallFromAFolder_CopiesItIn_UnderItsPluginName_AndItStaysUntrusted()
    {
        var result = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(result.Plugins, Is.EqualTo(new[] { "Alpha" }));
        Assert.That(File.Exists(Path.Combine(UserPlugins, "Alpha", "TestPlugins.Alpha.dll")), Is.True);
        Assert.That(File.GetUnixFileMode(Path.Combine(UserPlugins, "Alpha", "TestPlugins.Alpha.dll")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "installed files are the user's only");
        Assert.That(File.GetUnixFileMode(Path.Combine(UserPlugins, "Alpha")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(Status(), Is.EqualTo(PluginStatus.Untrusted));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Has.Length.EqualTo(1), "no staging folder is left behind");
    }

    [TestCase("zip", "")]
    [TestCase("zip", "MyPlugin/")]
    [TestCase("nupkg", "tools/plugin/")]
    [TestCase("zip", "x/.hidden/")]
    public void InstallFromAnArchive_FindsTheManifestInside(string extension, string prefix)
    {
        var archive = Zip("alpha." + extension, TestPlugins.Built("TestPlugins.Alpha"), prefix);

        var result = PluginInstaller.Install(archive, UserPlugins, replace: false);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(File.Exists(Path.Combine(UserPlugins, "Alpha", "plugin.json")), Is.True);
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Has.Length.EqualTo(1));
    }

    [Test]
    public void InstallingTwice_IsRefused_UnlessReplacing()
    {
        PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);

        var again = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);
        var replaced = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: true);

        Assert.That(again.Error, Does.Contain("is already installed").And.Contain("--replace"));
        Assert.That(replaced.Succeeded, Is.True, replaced.Error);
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.EqualTo(new[] { Path.Combine(UserPlugins, "Alpha") }));
    }

    [TestCase("..")]
    [TestCase(".")]
    [TestCase("...")]
    [TestCase(".hidden")]
    [TestCase("../../victim")]
    [TestCase("a/b")]
    public void AManifestWhoseNameIsNotAnIdentifier_IsRefused_AndReplaceDeletesNothing(string name)
    {
        PluginInstaller.Install(TestPlugins.Built("TestPlugins.Beta"), UserPlugins, replace: false);
        var package = AlphaWithManifest(m => m["name"] = name);
        var before = Snapshot(_temp.Path);

        var result = PluginInstaller.Install(package, UserPlugins, replace: true);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("is not a usable plugin").And.Contain("is not a valid plugin name"));
        Assert.That(Snapshot(_temp.Path), Is.EqualTo(before), "the home, its files and the installed plugin are all still there");
    }

    [Test]
    public void AManifestNamingAnotherPluginThanTheDll_IsInvalid()
    {
        var package = AlphaWithManifest(m => m["name"] = "Beta");

        var result = PluginInstaller.Install(package, UserPlugins, replace: false);
        var listed = PluginDiscovery.Discover([new PluginRoot(Path.GetDirectoryName(package)!, PluginSource.User)]).Single();

        Assert.That(result.Error, Does.Contain("plugin.json names the plugin Beta, but TestPlugins.Alpha.dll declares Alpha"));
        Assert.That(listed.Problem, Does.Contain("the names must match"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    [Test]
    public void ADllDeclaringANameThatIsNotAnIdentifier_IsInvalid()
    {
        var result = PluginInstaller.Install(TestPlugins.Built("TestPlugins.BadName"), UserPlugins, replace: false);

        Assert.That(result.Error, Does.Contain("[PatCodePlugin] name '../BadName' is not a valid plugin name"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
        Assert.That(File.Exists(_temp.Combine("home", "BadName")), Is.False);
    }

    [Test]
    public void APluginAlreadyInstalledInAnotherFolder_IsRefused_AndReplaceLeavesOneCopy()
    {
        TestPlugins.Install("TestPlugins.Alpha", UserPlugins, "my-alpha");

        var refused = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);
        var replaced = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: true);

        Assert.That(refused.Error, Is.EqualTo($"Alpha is already installed in {Path.Combine(UserPlugins, "my-alpha")}: uninstall it first, or install with --replace"));
        Assert.That(replaced.Succeeded, Is.True, replaced.Error);
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.EqualTo(new[] { Path.Combine(UserPlugins, "Alpha") }), "one copy, never two");
        Assert.That(Status(), Is.EqualTo(PluginStatus.Untrusted), "the new copy is not the trusted one");
    }

    [Test]
    public void ReplaceNeverDeletesAFolderOfTheSameNameThatHoldsAnotherPlugin()
    {
        TestPlugins.Install("TestPlugins.Beta", UserPlugins, "Alpha");
        var before = Snapshot(UserPlugins);

        var result = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: true);

        Assert.That(result.Error, Is.EqualTo($"{Path.Combine(UserPlugins, "Alpha")} already exists and does not hold Alpha: move it away, then install again"));
        Assert.That(Snapshot(UserPlugins), Is.EqualTo(before));
    }

    [Test]
    public void ReplaceNeverDeletesAFolderOfTheSameNameWithoutAManifest()
    {
        Directory.CreateDirectory(Path.Combine(UserPlugins, "Alpha"));
        File.WriteAllText(Path.Combine(UserPlugins, "Alpha", "notes.txt"), "the user's notes");
        var before = Snapshot(UserPlugins);

        var result = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: true);

        Assert.That(result.Error, Does.EndWith("already exists and does not hold Alpha: move it away, then install again"));
        Assert.That(Snapshot(UserPlugins), Is.EqualTo(before));
    }

    [Test]
    public void AFailedReplacement_LeavesTheInstalledCopyAsItWas()
    {
        PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);
        var before = Snapshot(UserPlugins);
        var broken = AlphaWithManifest(_ => { });
        File.WriteAllText(Path.Combine(broken, "TestPlugins.Alpha.dll"), "not a dll");

        var result = PluginInstaller.Install(broken, UserPlugins, replace: true);

        Assert.That(result.Error, Does.Contain("is not a .NET assembly"));
        Assert.That(Snapshot(UserPlugins), Is.EqualTo(before));
    }

    [Test]
    public void ReplacingALinkedPlugin_RemovesTheLinkOnly_NeverWhatItPointsAt()
    {
        var development = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("src"), "alpha-dev");
        File.CreateSymbolicLink(Path.Combine(UserPlugins, "alpha-link"), development);
        var before = Snapshot(development);

        var result = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: true);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.EqualTo(new[] { Path.Combine(UserPlugins, "Alpha") }));
        Assert.That(Snapshot(development), Is.EqualTo(before), "the developer's own folder is untouched");
    }

    [Test]
    public void APluginProvidedByAnotherPluginFolder_IsRefused()
    {
        var trusted = _temp.Combine("dev-plugins");
        TestPlugins.Install("TestPlugins.Alpha", trusted);

        var result = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: true, otherRoots: [new PluginRoot(trusted, PluginSource.Development), new PluginRoot(UserPlugins, PluginSource.User)]);

        Assert.That(result.Error, Is.EqualTo($"Alpha is already provided by {Path.Combine(trusted, "TestPlugins.Alpha")} (development), and two plugins cannot share a name: remove that copy first"));
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(trusted, "TestPlugins.Alpha")), Is.True);
    }

    [Test]
    public void Uninstall_RemovesALinkedPluginsLinkOnly_AndRefusesFoldersOutsideTheUsersFolder()
    {
        var development = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("src"), "alpha-dev");
        var link = Path.Combine(UserPlugins, "alpha-link");
        File.CreateSymbolicLink(link, development);
        var before = Snapshot(development);

        var error = PluginInstaller.Uninstall(new PluginEntry("Alpha", null, PluginSource.User, link, PluginStatus.Untrusted, ""), UserPlugins);
        var outside = PluginInstaller.Uninstall(new PluginEntry("Alpha", null, PluginSource.User, development, PluginStatus.Untrusted, ""), UserPlugins);
        var home = PluginInstaller.Uninstall(new PluginEntry("Alpha", null, PluginSource.User, Path.Combine(UserPlugins, ".."), PluginStatus.Untrusted, ""), UserPlugins);

        Assert.That(error, Is.Null);
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
        Assert.That(Snapshot(development), Is.EqualTo(before));
        Assert.That(outside, Does.Contain("is not in your plugins folder"));
        Assert.That(home, Does.Contain("is not in your plugins folder"));
        Assert.That(File.Exists(Path.Combine(Home, "config.json")), Is.True);
    }

    [Test]
    public void MalformedPackages_AreRefusedWithAReason_AndNothingIsInstalled()
    {
        var notAZip = _temp.Combine("broken.zip");
        File.WriteAllText(notAZip, "not a zip");
        var emptyZip = _temp.Combine("empty.zip");
        using (ZipFile.Open(emptyZip, ZipArchiveMode.Create))
        {
        }

        var noManifest = Directory.CreateDirectory(_temp.Combine("nomanifest")).FullName;
        var textDll = Directory.CreateDirectory(_temp.Combine("textdll")).FullName;
        File.WriteAllText(Path.Combine(textDll, "plugin.json"), """{ "name": "X", "assembly": "X.dll", "sdkVersion": "1.0.0" }""");
        File.WriteAllText(Path.Combine(textDll, "X.dll"), "text");

        Assert.Multiple(() =>
        {
            Assert.That(PluginInstaller.Install(notAZip, UserPlugins, false).Error, Does.Contain("is not a valid .zip archive"));
            Assert.That(PluginInstaller.Install(emptyZip, UserPlugins, false).Error, Does.Contain("holds no plugin.json"));
            Assert.That(PluginInstaller.Install(noManifest, UserPlugins, false).Error, Does.Contain("no plugin.json in"));
            Assert.That(PluginInstaller.Install(textDll, UserPlugins, false).Error, Does.Contain("is not a .NET assembly"));
            Assert.That(PluginInstaller.Install(TestPlugins.Built("TestPlugins.NewerSdk"), UserPlugins, false).Error, Does.Contain("built against PatCode.Sdk 1.99.0"));
            Assert.That(PluginInstaller.Install(_temp.Combine("missing"), UserPlugins, false).Error, Does.Contain("does not exist"));
        });
        Assert.That(Directory.GetFileSystemEntries(UserPlugins), Is.Empty);
    }

    /// <summary>Every file and folder under <paramref name="root"/> with its size and last write time.</summary>
    internal static List<string> Snapshot(string root) =>
        [.. Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length} {File.GetLastWriteTimeUtc(p):O}" : p)];

    private PluginStatus Status() =>
        PluginStatusResolver.Resolve(PluginDiscovery.Discover([new PluginRoot(UserPlugins, PluginSource.User)]), _ => null, true, new Dictionary<string, string>(), PluginFolderHash.Compute).Single().Status;

    private string AlphaWithManifest(Action<JsonObject> edit)
    {
        var folder = TestPlugins.Install("TestPlugins.Alpha", _temp.Combine("packages"), Guid.NewGuid().ToString("N"));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "plugin.json")))!.AsObject();
        edit(manifest);
        File.WriteAllText(Path.Combine(folder, "plugin.json"), manifest.ToJsonString());
        return folder;
    }

    private string Zip(string name, string folder, string prefix)
    {
        var archive = _temp.Combine(name);
        using var zip = ZipFile.Open(archive, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(folder))
        {
            zip.CreateEntryFromFile(file, prefix + Path.GetFileName(file));
        }

        return archive;
    }
}
