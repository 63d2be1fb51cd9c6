namespace PatCode.Core.Plugins.Discovery;

/// <summary>
/// Finds plugins in their roots: each sub-folder of a root is one plugin package. Reads manifests and
/// assembly metadata only, never loads code. Anything unusable becomes an entry with a problem rather than
/// an exception, so one bad folder never hides the others.
/// </summary>
internal static class PluginDiscovery
{
    private static readonly string[] LibraryExtensions = [".dll", ".so", ".dylib", ".exe"];

    /// <param name="roots">The folders to scan, in order: the first of two plugins with one name wins.</param>
    /// <param name="useIndex">Whether the built-ins' folder may answer from its <see cref="BuiltinPluginIndex"/>.</param>
    public static IReadOnlyList<DiscoveredPlugin> Discover(IEnumerable<PluginRoot> roots, bool useIndex = true)
    {
        var found = new List<DiscoveredPlugin>();
        var byName = new Dictionary<string, DiscoveredPlugin>(PluginName.Comparer);
        foreach (var root in roots)
        {
            foreach (var plugin in DiscoverRoot(root, useIndex))
            {
                if (plugin.Problem is null && byName.TryGetValue(plugin.Name, out var first))
                {
                    found.Add(plugin with { Problem = $"another plugin named {plugin.Name} is already loaded from {first.Folder}: remove or rename one of them" });
                    continue;
                }

                if (plugin.Problem is null)
                {
                    byName[plugin.Name] = plugin;
                }

                found.Add(plugin);
            }
        }

        return found;
    }

    private static List<DiscoveredPlugin> DiscoverRoot(PluginRoot root, bool useIndex)
    {
        if (!Directory.Exists(root.Path))
        {
            return [];
        }

        var index = useIndex && root.Source == PluginSource.Builtin ? BuiltinPluginIndex.Load(root.Path) : null;

        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(root.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [Broken(root, root.Path, Path.GetFileName(root.Path), $"cannot read the plugins folder {root.Path}: {e.Message}")];
        }

        Array.Sort(entries, StringComparer.Ordinal);
        var result = new List<DiscoveredPlugin>();
        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                result.AddRange(DiscoverFolder(root, entry, index));
            }
            else if (IsBrokenLink(entry))
            {
                // Neither a file nor a folder that can be opened: a dangling or looping link.
                result.Add(Broken(root, entry, name, $"cannot read {entry}: it is a broken or looping link; remove it or fix its target"));
            }
            else if (LibraryExtensions.Contains(Path.GetExtension(entry), StringComparer.OrdinalIgnoreCase))
            {
                result.Add(Broken(root, entry, Path.GetFileNameWithoutExtension(entry), $"{name} lies loose in the plugins folder: each plugin needs its own folder with its plugin.json"));
            }
        }

        return result;
    }

    private static IEnumerable<DiscoveredPlugin> DiscoverFolder(PluginRoot root, string folder, BuiltinPluginIndex? index)
    {
        var folderName = Path.GetFileName(folder);
        PluginManifest manifest;
        try
        {
            // Listing first: an unreadable folder also hides its plugin.json, and "cannot read" is the truth.
            _ = Directory.EnumerateFileSystemEntries(folder).Any();
            manifest = PluginManifestReader.Read(folder);
        }
        catch (PluginPackageException e)
        {
            return [Broken(root, folder, folderName, e.Message)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [Broken(root, folder, folderName, $"cannot read {folder}: {e.Message}: check the folder's permissions")];
        }

        var assemblyPath = Path.Combine(folder, manifest.Assembly);
        if (!File.Exists(assemblyPath))
        {
            return [Broken(root, folder, manifest.Name, $"plugin.json names {manifest.Assembly}, which is not in {folder}: reinstall the plugin", manifest)];
        }

        PluginAssemblyInfo info;
        try
        {
            info = index?.Find(assemblyPath) ?? PluginAssemblyReader.Read(assemblyPath);
        }
        catch (PluginPackageException e)
        {
            return [Broken(root, folder, manifest.Name, e.Message, manifest)];
        }

        if (info.Plugins.Count == 0)
        {
            return [Broken(root, folder, manifest.Name, $"{manifest.Assembly} has no class marked [PatCodePlugin]", manifest)];
        }

        // The manifest names the folder's plugin; a DLL declaring something else would let one name be installed and another trusted.
        if (!info.Plugins.Any(p => PluginName.AreSame(p.Metadata.Name, manifest.Name)))
        {
            var declared = string.Join(", ", info.Plugins.Select(p => p.Metadata.Name));
            return [Broken(root, folder, manifest.Name, $"plugin.json names the plugin {manifest.Name}, but {manifest.Assembly} declares {declared}: the names must match (set <PatCodePluginName> to the [PatCodePlugin] name and rebuild)", manifest)];
        }

        // The stamp inside the assembly is what the code was really compiled against; the manifest is a copy.
        var sdkVersion = info.SdkVersion ?? (Version.TryParse(manifest.SdkVersion, out var v) ? v : null);
        return info.Plugins.Select(p => new DiscoveredPlugin(p.Metadata.Name, root, folder, manifest, p, sdkVersion, Problem: null));
    }

    private static bool IsBrokenLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return false;
        }

        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true };
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static DiscoveredPlugin Broken(PluginRoot root, string folder, string name, string problem, PluginManifest? manifest = null) =>
        new(name, root, folder, manifest, Declaration: null, SdkVersion: null, problem);
}
