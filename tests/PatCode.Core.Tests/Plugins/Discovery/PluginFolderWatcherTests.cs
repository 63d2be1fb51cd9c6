using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Tests.Plugins.Loading;

namespace PatCode.Core.Tests.Plugins.Discovery;

public sealed class PluginFolderWatcherTests : PluginHostTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private CollectingLoggerFactory Logs => Fixture.Logs;

    [Test]
    public async Task HotReload_FollowsAdd_DeleteAndRecreate_RenameOver_AndRemove()
    {
        var host = Fixture.Create();
        await host.StartAsync();
        using var watcher = new PluginFolderWatcher(host, [Fixture.TrustedRoot], TimeSpan.FromMilliseconds(200), Fixture.Logs.CreateLogger("watcher"));
        var swap = Path.Combine(Fixture.TrustedRoot, "Swap");

        TestPlugins.Install("TestPlugins.Swap.V1", Fixture.TrustedRoot, "Swap");
        await WaitForSectionsAsync(host, ["swap v1"], "after adding the folder");

        // Delete and recreate, the way many copy tools replace a folder.
        Directory.Delete(swap, recursive: true);
        TestPlugins.Install("TestPlugins.Swap.V2", Fixture.TrustedRoot, "Swap");
        await WaitForSectionsAsync(host, ["swap v2"], "after delete-and-recreate");

        // Rename over: new files are written beside the old ones, then renamed on top of them.
        foreach (var file in Directory.GetFiles(TestPlugins.Built("TestPlugins.Swap.V1")))
        {
            var temporary = Path.Combine(swap, Path.GetFileName(file) + ".new");
            File.Copy(file, temporary);
            File.Move(temporary, Path.Combine(swap, Path.GetFileName(file)), overwrite: true);
        }

        await WaitForSectionsAsync(host, ["swap v1"], "after rename-over");

        Directory.Delete(swap, recursive: true);
        await WaitForSectionsAsync(host, [], "after removing the folder");
    }

    private async Task WaitForSectionsAsync(PluginHost host, string[] expected, string when)
    {
        var deadline = DateTime.UtcNow + Patience;
        IReadOnlyList<string> sections = [];
        while (DateTime.UtcNow < deadline)
        {
            sections = await PluginUnloadAndReloadTests.SectionsAsync(host);
            if (sections.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Expected sections [{string.Join(", ", expected)}] {when}, but got [{string.Join(", ", sections)}]. Log: {string.Join(" | ", Logs.Entries.Select(e => e.Message + " " + e.Exception?.Message))}");
    }
}
