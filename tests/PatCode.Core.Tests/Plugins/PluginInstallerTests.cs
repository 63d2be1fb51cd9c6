using System.IO.Compression;
using PatCode.Core.Plugins;
using PatCode.Core.Tests.Support;

namespace PatCode.Core.Tests.Plugins;

public sealed class PluginInstallerTests
{
    private TempDirectory _temp = null!;

    private string UserPlugins => _temp.Combine("plugins");

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void InstallFromAFolder_CopiesItIn_AndItStaysUntrusted()
    {
        var result = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(result.Plugins, Is.EqualTo(new[] { "Alpha" }));
        Assert.That(File.Exists(Path.Combine(UserPlugins, "TestPlugins.Alpha", "TestPlugins.Alpha.dll")), Is.True);
        var entry = PluginStatusResolver.Resolve(PluginDiscovery.Discover([new PluginRoot(UserPlugins, PluginSource.User)]), _ => null, true, new Dictionary<string, string>(), PluginFolderHash.Compute).Single();
        Assert.That(entry.Status, Is.EqualTo(PluginStatus.Untrusted));
        Assert.That(Directory.GetDirectories(UserPlugins), Has.Length.EqualTo(1), "no staging folder is left behind");
    }

    [TestCase("zip", "")]
    [TestCase("zip", "MyPlugin/")]
    [TestCase("nupkg", "tools/plugin/")]
    public void InstallFromAnArchive_FindsTheManifestInside(string extension, string prefix)
    {
        var archive = _temp.Combine("alpha." + extension);
        using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(TestPlugins.Built("TestPlugins.Alpha")))
            {
                zip.CreateEntryFromFile(file, prefix + Path.GetFileName(file));
            }
        }

        var result = PluginInstaller.Install(archive, UserPlugins, replace: false);

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(File.Exists(Path.Combine(UserPlugins, "TestPlugins.Alpha", "plugin.json")), Is.True);
    }

    [Test]
    public void InstallingTwice_IsRefused_UnlessReplacing()
    {
        PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);

        var again = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: false);
        var replaced = PluginInstaller.Install(TestPlugins.Built("TestPlugins.Alpha"), UserPlugins, replace: true);

        Assert.That(again.Error, Does.Contain("is already installed").And.Contain("--replace"));
        Assert.That(replaced.Succeeded, Is.True);
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
}
