using System.Composition;
using System.Runtime.InteropServices;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Sdk;
using PatCode.Sdk.Testing;

namespace PatCode.Plugins.Builtin.Tests.GitHelper;

/// <summary>
/// GitHelper's libgit2 is a native asset of a private dependency. These tests load the built plugin folder
/// the way the host does (McMaster's loader, collectible, SDK shared) and check the native library really
/// comes from the plugin's own folder, resolved through its deps.json.
/// </summary>
[NonParallelizable]
public sealed class GitHelperPluginFolderTests
{
    private static string PluginAssembly => Path.Combine(BuildInfo.BuiltinPluginsDirectory, "PatCode.Plugins.GitHelper", "PatCode.Plugins.GitHelper.dll");

    [Test]
    public void PluginFolder_HasManifestAndLibGit2ButNoSdk()
    {
        var folder = Path.GetDirectoryName(PluginAssembly)!;

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(Path.Combine(folder, "plugin.json")), Is.True);
            Assert.That(File.ReadAllText(Path.Combine(folder, "plugin.json")), Does.Contain("\"name\": \"GitHelper\""));
            Assert.That(File.Exists(Path.Combine(folder, "LibGit2Sharp.dll")), Is.True);
            Assert.That(File.Exists(Path.Combine(folder, "PatCode.Sdk.dll")), Is.False);
            Assert.That(Directory.EnumerateFiles(Path.Combine(folder, "runtimes", "linux-x64", "native"), "libgit2-*.so"), Is.Not.Empty);
        });
    }

    [Test]
    public async Task LoadedThroughThePluginLoader_ReadsARepositoryWithTheNativeLibraryFromItsOwnFolder()
    {
        Assume.That(RuntimeInformation.RuntimeIdentifier, Is.EqualTo("linux-x64"), "the native-asset check reads /proc/self/maps");
        using var temp = new TemporaryDirectory("patcode-gitload");
        using (var repository = GitTestRepository.Init(temp.Path))
        {
            GitTestRepository.Commit(repository, "a.txt", "a\n", "Loaded from the plugin folder");
        }

        using var loader = PluginLoader.CreateFromAssemblyFile(
            PluginAssembly,
            isUnloadable: true,
            sharedTypes: [typeof(Plugin), typeof(ILogger), typeof(ExportAttribute)]);
        var pluginType = loader.LoadDefaultAssembly().GetTypes().Single(t => typeof(Plugin).IsAssignableFrom(t));
        var plugin = (Plugin)Activator.CreateInstance(pluginType)!;
        var context = new TestPluginContext("git status", temp.Path);

        var result = await plugin.ExecuteAsync(context, CancellationToken.None);

        var nativeFolder = Path.Combine(Path.GetDirectoryName(PluginAssembly)!, "runtimes", "linux-x64", "native");
        var mapped = File.ReadAllLines("/proc/self/maps").Where(l => l.Contains("libgit2", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pluginType.Assembly.Location, Does.StartWith(Path.GetDirectoryName(PluginAssembly)!));
            Assert.That(result.Success, Is.True);
            Assert.That(context.Sections.Single().Content, Does.Contain("Loaded from the plugin folder"));
            Assert.That(mapped, Has.Some.Contains(nativeFolder), "libgit2 should be mapped from the plugin's runtimes folder");
        });
    }
}
