using PatCode.Core.Plugins.Discovery;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Plugins.Loading;

/// <summary>
/// The files a plugin is loaded from. A plugin pinned to a trusted hash is read once into memory, hashed, and
/// written to a private copy that the loader (in process or in a worker) reads from: a file swapped in its
/// folder after the check is never loaded with the old trust. Probing paths that lead outside the folder are
/// dropped from the copy (<see cref="ProbingPathSanitizer"/>). A plugin from a trusted folder loads in place,
/// unless its probing paths need that cleaning too.
/// </summary>
internal sealed class PluginImage : IDisposable
{
    private readonly string? _copy;

    private PluginImage(string assemblyPath, string? copy, IReadOnlyList<string> warnings)
    {
        AssemblyPath = assemblyPath;
        _copy = copy;
        Warnings = warnings;
    }

    /// <summary>The plugin's main assembly, in the copy when there is one.</summary>
    public string AssemblyPath { get; }

    /// <summary>What was dropped from the plugin's configuration files, one line each.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Prepares <paramref name="plugin"/> for loading. With <paramref name="trustedHash"/>, the files must hash to
    /// it, or <see cref="PluginUntrustedException"/> is thrown and nothing is loaded.
    /// </summary>
    public static PluginImage Prepare(DiscoveredPlugin plugin, string? trustedHash, string imagesFolder)
    {
        var warnings = new List<string>();
        if (trustedHash is null && !NeedsCleaning(plugin.Folder, warnings))
        {
            return new PluginImage(plugin.AssemblyPath!, null, []);
        }

        var files = PluginFiles.Read(plugin.Folder);
        if (trustedHash is not null && !string.Equals(PluginFolderHash.Compute(files), trustedHash, StringComparison.Ordinal))
        {
            throw new PluginUntrustedException($"its files changed since you enabled it: review them, then /plugins enable {plugin.Name}");
        }

        var copy = Path.Combine(imagesFolder, $"{plugin.Name}-{Guid.NewGuid():N}"[..Math.Min(plugin.Name.Length + 13, 80)]);
        warnings.Clear();
        foreach (var (relative, content) in files.All.Where(f => ProbingPathSanitizer.Concerns(f.Relative)).ToList())
        {
            var cleaned = ProbingPathSanitizer.Sanitize(relative, content, plugin.Folder, copy, warnings);
            if (!ReferenceEquals(cleaned, content))
            {
                files.Replace(relative, cleaned);
            }
        }

        try
        {
            PatCodePaths.EnsurePrivateDirectory(imagesFolder);
            files.WriteTo(copy);
        }
        catch
        {
            Delete(copy);
            throw;
        }

        return new PluginImage(Path.Combine(copy, plugin.Manifest!.Assembly), copy, warnings);
    }

    /// <summary>Removes the private copy once nothing loads from it any more.</summary>
    public void Dispose()
    {
        if (_copy is not null)
        {
            Delete(_copy);
        }
    }

    private static bool NeedsCleaning(string folder, List<string> warnings)
    {
        foreach (var relative in PluginFolderHash.RelativeFiles(folder).Where(ProbingPathSanitizer.Concerns))
        {
            var content = File.ReadAllBytes(Path.Combine(folder, relative));
            ProbingPathSanitizer.Sanitize(relative, content, folder, folder, warnings);
        }

        return warnings.Count > 0;
    }

    private static void Delete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind, it is removed with this process's other copies at the next start.
        }
    }
}
