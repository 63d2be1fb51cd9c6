using PatCode.Core.Plugins;

namespace PatCode.Packages;

/// <summary>An installed plugin as it was before an update: enough to say what the update changed.</summary>
internal sealed record InstalledSnapshot(string Version, string Author, IReadOnlyDictionary<string, string> Files)
{
    public static InstalledSnapshot Of(PluginEntry entry) => new(entry.Version, entry.Metadata?.Author ?? "", FilesIn(entry.Folder));

    /// <summary>Lines that say what changed between this and the plugin now installed in <paramref name="entry"/>'s folder.</summary>
    public IReadOnlyList<string> Changes(PluginEntry entry)
    {
        var now = FilesIn(entry.Folder);
        var author = entry.Metadata?.Author ?? "";
        var added = now.Keys.Except(Files.Keys).Order(StringComparer.Ordinal).ToList();
        var removed = Files.Keys.Except(now.Keys).Order(StringComparer.Ordinal).ToList();
        var changed = now.Keys.Intersect(Files.Keys).Count(f => now[f] != Files[f]);
        return
        [
            $"  version: {Version} -> {entry.Version}",
            author == Author ? $"  author: {author} (unchanged)" : $"  author: {Author} -> {author}",
            $"  files added: {(added.Count == 0 ? "none" : string.Join(", ", added))}",
            $"  files removed: {(removed.Count == 0 ? "none" : string.Join(", ", removed))}",
            $"  files changed: {changed} of {now.Count - added.Count} kept",
        ];
    }

    /// <summary>Each file's path in the folder and its SHA-256.</summary>
    private static Dictionary<string, string> FilesIn(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
                f =>
                {
                    using var stream = File.OpenRead(f);
                    return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
                },
                StringComparer.Ordinal)
            : [];
}
