using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Plugins.Loading;

/// <summary>A plugin folder's files, each read once into memory: what is hashed is what gets loaded.</summary>
internal sealed class PluginFiles
{
    private const UnixFileMode UserOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Dictionary<string, UnixFileMode> _modes;

    private PluginFiles(IReadOnlyList<(string Relative, byte[] Content)> all, Dictionary<string, UnixFileMode> modes)
    {
        All = all;
        _modes = modes;
    }

    /// <summary>Every file, by '/'-separated relative path, in the hash's order.</summary>
    public IReadOnlyList<(string Relative, byte[] Content)> All { get; private set; }

    public static PluginFiles Read(string folder)
    {
        var all = new List<(string, byte[])>();
        var modes = new Dictionary<string, UnixFileMode>(StringComparer.Ordinal);
        foreach (var relative in PluginFolderHash.RelativeFiles(folder))
        {
            var path = Path.Combine(folder, relative);
            all.Add((relative, File.ReadAllBytes(path)));
            modes[relative] = OperatingSystem.IsWindows() ? UserOnly : File.GetUnixFileMode(path);
        }

        return new PluginFiles(all, modes);
    }

    /// <summary>Replaces one file's content (a sanitized configuration file) after hashing.</summary>
    public void Replace(string relative, byte[] content) =>
        All = [.. All.Select(f => f.Relative == relative ? (f.Relative, content) : f)];

    /// <summary>Writes the files below <paramref name="target"/>, for the user only (an executable stays executable).</summary>
    public void WriteTo(string target)
    {
        foreach (var (relative, content) in All)
        {
            var path = Path.Combine(target, relative);
            PatCodePaths.EnsurePrivateDirectory(Path.GetDirectoryName(path)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = (_modes[relative] & UserOnly) | UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            file.Write(content);
        }
    }
}
