using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Tests.Plugins.Trust;

/// <summary>A built-in's folder is watched for a reinstall by its files' names, sizes and times, without reading them.</summary>
public sealed class PluginFolderHashTests
{
    private static readonly DateTime Installed = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void AFolderThatIsOnlyRead_KeepsItsStamp()
    {
        using var folder = Folder();
        var before = PluginFolderHash.Stamp(folder.Path);

        _ = File.ReadAllBytes(folder.Combine("Plugin.dll")); // as a load does

        Assert.That(PluginFolderHash.Stamp(folder.Path), Is.EqualTo(before));
    }

    [Test]
    public void AddingRemovingResizingOrRewritingAFile_ChangesTheStamp()
    {
        using var folder = Folder();
        var stamps = new List<string> { PluginFolderHash.Stamp(folder.Path) };

        File.SetLastWriteTimeUtc(folder.WriteFile("runtimes/linux-x64/native/libextra.so", "native"), Installed);
        stamps.Add(PluginFolderHash.Stamp(folder.Path));

        File.Delete(folder.Combine("runtimes", "linux-x64", "native", "libextra.so"));
        stamps.Add(PluginFolderHash.Stamp(folder.Path));

        File.SetLastWriteTimeUtc(folder.WriteFile("Plugin.dll", "code, version 2"), Installed);
        stamps.Add(PluginFolderHash.Stamp(folder.Path));

        File.SetLastWriteTimeUtc(folder.Combine("Plugin.dll"), Installed.AddSeconds(1));
        stamps.Add(PluginFolderHash.Stamp(folder.Path));

        Assert.That(stamps[2], Is.EqualTo(stamps[0]), "the same files as before");
        Assert.That(stamps.Where((_, i) => i != 2), Is.Unique, "each change shows");
    }

    [Test]
    public void TheStampReadsNoContent_SoAnEditKeepingSizeAndTime_GoesUnnoticed()
    {
        // Why trust never rests on it: pinned plugins are compared by PluginFolderHash, which reads every byte.
        using var folder = Folder();
        var before = PluginFolderHash.Stamp(folder.Path);

        File.SetLastWriteTimeUtc(folder.WriteFile("Plugin.dll", "edit"), Installed);

        Assert.That(PluginFolderHash.Stamp(folder.Path), Is.EqualTo(before));
    }

    private static TemporaryDirectory Folder()
    {
        var folder = new TemporaryDirectory();
        File.SetLastWriteTimeUtc(folder.WriteFile("Plugin.dll", "code"), Installed);
        File.SetLastWriteTimeUtc(folder.WriteFile("plugin.json", "{}"), Installed);
        return folder;
    }
}
