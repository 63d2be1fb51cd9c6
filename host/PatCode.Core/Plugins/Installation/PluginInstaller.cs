using PatCode.Core.IO;
using PatCode.Core.Plugins.Discovery;

namespace PatCode.Core.Plugins.Installation;

/// <summary>
/// Installs a plugin from a folder, a .zip or a .nupkg into the user's plugins folder, after checking it the
/// same way the host would: a readable manifest, a managed DLL that declares the plugin the manifest names,
/// and an SDK this host honours. Nothing is loaded, and the plugin stays Untrusted until the user enables it.
/// A plugin is known by its name, not by its folder: a package declaring a plugin that is already installed
/// is refused, or with <c>--replace</c> takes the place of exactly that plugin's folder once it is fully staged.
/// </summary>
public static class PluginInstaller
{
    /// <param name="source">A folder, .zip or .nupkg.</param>
    /// <param name="userPluginsFolder">Where user plugins live; the only folder install writes to or deletes from.</param>
    /// <param name="replace">Replace an installed copy of the same plugin.</param>
    /// <param name="limits">How large a package may be; the defaults when null.</param>
    /// <param name="otherRoots">The host's other plugin folders, whose plugins a new one must not clash with.</param>
    public static PluginInstallResult Install(string source, string userPluginsFolder, bool replace, PluginInstallLimits? limits = null, IEnumerable<PluginRoot>? otherRoots = null)
    {
        PatCodePaths.EnsurePrivateDirectory(userPluginsFolder);
        var staging = Path.Combine(userPluginsFolder, $".staging-{Guid.NewGuid():N}");
        try
        {
            var pluginFolder = Stage(source, staging, limits ?? new PluginInstallLimits());
            var found = PluginDiscovery.Discover([new PluginRoot(staging, PluginSource.User)]).Where(p => p.Folder == pluginFolder).ToList();
            var problem = found.FirstOrDefault(p => p.Problem is not null)?.Problem;
            if (problem is not null || found.Count == 0)
            {
                return PluginInstallResult.Failed($"{source} is not a usable plugin: {problem ?? "its folder cannot be read"}");
            }

            var incompatible = found.FirstOrDefault(p => p.SdkVersion is null || !Sdk.SdkInfo.CanHonour(p.SdkVersion));
            if (incompatible is not null)
            {
                return PluginInstallResult.Failed($"{incompatible.Name} was built against PatCode.Sdk {incompatible.SdkVersion?.ToString(3) ?? "(unknown)"}, but this PatCode provides {Sdk.SdkInfo.Version.ToString(3)}");
            }

            var manifest = found[0].Manifest!;
            var names = found.Select(p => p.Name).Append(manifest.Name).ToHashSet(PluginName.Comparer);
            var clash = Clash(names, userPluginsFolder, otherRoots ?? []);
            if (clash is not null)
            {
                return PluginInstallResult.Failed(clash);
            }

            var target = Path.Combine(userPluginsFolder, manifest.Name);
            var installed = InstalledCopies(names, userPluginsFolder);
            if (Path.Exists(target) && !installed.Contains(target))
            {
                return PluginInstallResult.Failed($"{target} already exists and does not hold {manifest.Name}: move it away, then install again");
            }

            if (installed.Count > 0 && !replace)
            {
                return PluginInstallResult.Failed($"{manifest.Name} is already installed in {string.Join(", ", installed)}: uninstall it first, or install with --replace");
            }

            Swap(pluginFolder, target, installed, userPluginsFolder, staging);
            return new PluginInstallResult(true, null, [.. found.Select(p => p.Name)], target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or PluginPackageException)
        {
            return PluginInstallResult.Failed($"cannot install {source}: {e.Message}");
        }
        finally
        {
            // Whatever was moved aside lies in here too; deleting never follows a symbolic link out.
            TryDelete(staging);
        }
    }

    /// <summary>Removes a plugin from the user's folder. Returns an error, or null when done.</summary>
    public static string? Uninstall(PluginEntry entry, string userPluginsFolder)
    {
        if (entry.Source != PluginSource.User || !IsEntryOf(entry.Folder, userPluginsFolder))
        {
            return $"{entry.Name} is not in your plugins folder (it comes from {entry.Folder}); only plugins installed there can be uninstalled";
        }

        var aside = Path.Combine(userPluginsFolder, $".removing-{Guid.NewGuid():N}");
        try
        {
            PatCodePaths.EnsurePrivateDirectory(aside);
            MoveAside(entry.Folder, aside);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot uninstall {entry.Name} from {entry.Folder}: {e.Message}";
        }
        finally
        {
            TryDelete(aside);
        }
    }

    private static string Stage(string source, string staging, PluginInstallLimits limits)
    {
        PatCodePaths.EnsurePrivateDirectory(staging);
        var target = Path.Combine(staging, "plugin");
        if (Directory.Exists(source))
        {
            if (!File.Exists(Path.Combine(source, PluginManifest.FileName)))
            {
                throw new PluginPackageException($"no {PluginManifest.FileName} in {source}: point at the plugin's build output folder");
            }

            PluginFolderCopier.Copy(source, target, limits);
            return target;
        }

        if (!File.Exists(source))
        {
            throw new PluginPackageException($"{source} does not exist");
        }

        var extension = Path.GetExtension(source).ToLowerInvariant();
        if (extension is not (".zip" or ".nupkg"))
        {
            throw new PluginPackageException($"{source} is neither a folder, a .zip nor a .nupkg");
        }

        var extracted = Path.Combine(staging, "archive");
        PatCodePaths.EnsurePrivateDirectory(extracted);
        PluginArchiveExtractor.Extract(source, extracted, limits);
        var manifests = Directory.GetFiles(extracted, PluginManifest.FileName, SearchOption.AllDirectories);
        if (manifests.Length != 1)
        {
            throw new PluginPackageException(manifests.Length == 0
                ? $"{source} holds no {PluginManifest.FileName}: package the plugin's build output folder"
                : $"{source} holds {manifests.Length} {PluginManifest.FileName} files; install one plugin at a time");
        }

        Directory.Move(Path.GetDirectoryName(manifests[0])!, target);
        return target;
    }

    /// <summary>A plugin of the same name from another plugin folder would make one of the two Invalid; --replace never reaches there.</summary>
    private static string? Clash(HashSet<string> names, string userPluginsFolder, IEnumerable<PluginRoot> otherRoots)
    {
        var user = CanonicalPath.Resolve(userPluginsFolder);
        var roots = otherRoots.Where(r => CanonicalPath.Resolve(r.Path) != user).ToList();
        var other = PluginDiscovery.Discover(roots).FirstOrDefault(p => p.Problem is null && names.Contains(p.Name));
        return other is null
            ? null
            : $"{other.Name} is already provided by {other.Folder} ({other.Root.Source.ToString().ToLowerInvariant()}), and two plugins cannot share a name: remove that copy first";
    }

    /// <summary>
    /// The folders in the user's plugins folder whose manifest says they hold one of these plugins, working or
    /// broken. A folder without a manifest is never taken for a plugin, whatever its name.
    /// </summary>
    private static List<string> InstalledCopies(HashSet<string> names, string userPluginsFolder) =>
        [.. PluginDiscovery.Discover([new PluginRoot(userPluginsFolder, PluginSource.User)])
            .Where(p => p.Manifest is not null && (names.Contains(p.Name) || names.Contains(p.Manifest.Name)))
            .Select(p => p.Folder)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Moves the old copies aside, the new one in, and puts the old ones back if that fails.</summary>
    private static void Swap(string staged, string target, List<string> installed, string userPluginsFolder, string staging)
    {
        var moved = new List<(string From, string To)>();
        try
        {
            foreach (var folder in installed)
            {
                if (!IsEntryOf(folder, userPluginsFolder))
                {
                    throw new PluginPackageException($"{folder} is not inside {userPluginsFolder}; it was left alone");
                }

                var aside = Path.Combine(staging, $"old-{moved.Count}");
                PatCodePaths.EnsurePrivateDirectory(aside);
                moved.Add((folder, MoveAside(folder, aside)));
            }

            Directory.Move(staged, target);
        }
        catch
        {
            foreach (var (from, to) in moved)
            {
                Move(to, from);
            }

            throw;
        }
    }

    /// <summary>Whether <paramref name="path"/> names an entry directly inside the user's plugins folder, checked on the real (link-free) paths.</summary>
    private static bool IsEntryOf(string path, string userPluginsFolder)
    {
        var name = Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar));
        var parent = Path.GetDirectoryName(Path.GetFullPath(path.TrimEnd(Path.DirectorySeparatorChar)));
        return name is not ("" or "." or "..") && parent is not null
            && CanonicalPath.Resolve(parent) == CanonicalPath.Resolve(userPluginsFolder);
    }

    /// <summary>Moves a folder, file or link (the link itself, never its target) into <paramref name="aside"/>.</summary>
    private static string MoveAside(string path, string aside)
    {
        var destination = Path.Combine(aside, Path.GetFileName(path));
        Move(path, destination);
        return destination;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden folder is never listed or loaded; the next install uses a fresh one.
        }
    }

    /// <summary>rename(2) underneath: a symbolic link is moved itself, and its target stays where it is.</summary>
    private static void Move(string from, string to)
    {
        if (Directory.Exists(from))
        {
            Directory.Move(from, to);
        }
        else if (File.Exists(from))
        {
            File.Move(from, to);
        }
        else if (new FileInfo(from).LinkTarget is { } target)
        {
            // A broken link: neither Move accepts it, so it is recreated.
            File.CreateSymbolicLink(to, target);
            File.Delete(from);
        }
        else
        {
            throw new FileNotFoundException($"{from} is gone", from);
        }
    }
}
