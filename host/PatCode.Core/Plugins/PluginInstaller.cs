using System.IO.Compression;

namespace PatCode.Core.Plugins;

/// <summary>
/// Installs a plugin from a folder, a .zip or a .nupkg into the user's plugins folder, after checking it the
/// same way the host would: a readable manifest, a managed DLL that declares a plugin, and an SDK this host
/// honours. Nothing is loaded, and the plugin stays Untrusted until the user enables it.
/// </summary>
public static class PluginInstaller
{
    public static PluginInstallResult Install(string source, string userPluginsFolder, bool replace)
    {
        var staging = Path.Combine(userPluginsFolder, $".staging-{Guid.NewGuid():N}");
        PatCodePaths.EnsurePrivateDirectory(userPluginsFolder);
        try
        {
            var pluginFolder = Stage(source, staging);
            var found = PluginDiscovery.Discover([new PluginRoot(Path.GetDirectoryName(pluginFolder)!, PluginSource.User)])
                .Where(p => p.Folder == pluginFolder)
                .ToList();
            var problem = found.FirstOrDefault(p => p.Problem is not null)?.Problem;
            if (problem is not null)
            {
                return PluginInstallResult.Failed($"{source} is not a usable plugin: {problem}");
            }

            var incompatible = found.FirstOrDefault(p => p.SdkVersion is null || !Sdk.SdkInfo.CanHonour(p.SdkVersion));
            if (incompatible is not null)
            {
                return PluginInstallResult.Failed($"{incompatible.Name} was built against PatCode.Sdk {incompatible.SdkVersion?.ToString(3) ?? "(unknown)"}, but this PatCode provides {Sdk.SdkInfo.Version.ToString(3)}");
            }

            var manifest = found[0].Manifest!;
            var target = Path.Combine(userPluginsFolder, SafeFolderName(manifest.Name));
            if (Directory.Exists(target))
            {
                if (!replace)
                {
                    return PluginInstallResult.Failed($"{manifest.Name} is already installed in {target}: uninstall it first, or install with --replace");
                }

                Directory.Delete(target, recursive: true);
            }

            Directory.Move(pluginFolder, target);
            return new PluginInstallResult(true, null, [.. found.Select(p => p.Name)], target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or PluginPackageException)
        {
            return PluginInstallResult.Failed($"cannot install {source}: {e.Message}");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Removes a plugin from the user's folder. Returns an error, or null when done.</summary>
    public static string? Uninstall(PluginEntry entry)
    {
        if (entry.Source != PluginSource.User)
        {
            return $"{entry.Name} is not in your plugins folder (it comes from {entry.Folder}); only plugins installed there can be uninstalled";
        }

        Directory.Delete(entry.Folder, recursive: true);
        return null;
    }

    private static string Stage(string source, string staging)
    {
        Directory.CreateDirectory(staging);
        if (Directory.Exists(source))
        {
            if (!File.Exists(Path.Combine(source, PluginManifest.FileName)))
            {
                throw new PluginPackageException($"no {PluginManifest.FileName} in {source}: point at the plugin's build output folder");
            }

            var target = Path.Combine(staging, "plugin");
            CopyDirectory(source, target);
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

        var extracted = Directory.CreateDirectory(Path.Combine(staging, "archive")).FullName;
        try
        {
            // ExtractToDirectory refuses entries that would land outside the target ("zip slip").
            ZipFile.ExtractToDirectory(source, extracted);
        }
        catch (InvalidDataException e)
        {
            throw new PluginPackageException($"{source} is not a valid {extension} archive ({e.Message})", e);
        }

        var manifests = Directory.GetFiles(extracted, PluginManifest.FileName, SearchOption.AllDirectories);
        return manifests.Length switch
        {
            1 => Path.GetDirectoryName(manifests[0])!,
            0 => throw new PluginPackageException($"{source} holds no {PluginManifest.FileName}: package the plugin's build output folder"),
            _ => throw new PluginPackageException($"{source} holds {manifests.Length} {PluginManifest.FileName} files; install one plugin at a time"),
        };
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static string SafeFolderName(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}
