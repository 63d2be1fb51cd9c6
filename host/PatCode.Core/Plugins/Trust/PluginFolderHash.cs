using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PatCode.Core.Plugins.Loading;
using PatCode.Core.Security;

namespace PatCode.Core.Plugins.Trust;

/// <summary>
/// The SHA-256 of everything in a plugin's folder: every file's relative path and contents, in a fixed
/// order. Trust is pinned to it, so changing, adding or removing any file revokes trust. The same hash is
/// computed over files already read into memory, which is how a plugin is loaded from exactly the bytes
/// that were checked. <see cref="Stamp"/> is its cheap sibling for folders nothing is pinned to.
/// </summary>
internal static class PluginFolderHash
{
    public static string Compute(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        foreach (var relative in RelativeFiles(folder))
        {
            using var stream = File.OpenRead(Path.Combine(folder, relative));
            AppendHeader(hash, relative, stream.Length);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The hash of files read once with <see cref="PluginFiles.Read"/>.</summary>
    public static string Compute(PluginFiles files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, content) in files.All)
        {
            AppendHeader(hash, relative, content.Length);
            hash.AppendData(content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A fingerprint from the file system's records alone: every file's relative path, size and last write time.
    /// It notices a reinstall or an edited file without reading any content, so it serves where nothing is pinned
    /// by trust (a built-in's folder is part of the install); trust uses <see cref="Compute(string)"/>.
    /// </summary>
    public static string Stamp(string folder)
    {
        var records = new StringBuilder();
        foreach (var relative in RelativeFiles(folder))
        {
            var file = new FileInfo(Path.Combine(folder, relative));
            records.Append(relative).Append('\0')
                .Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append('\0')
                .Append(file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(Sha256.HashData(Encoding.UTF8.GetBytes(records.ToString())));
    }

    /// <summary>Every file below <paramref name="folder"/>, as '/'-separated relative paths in ordinal order.</summary>
    public static IEnumerable<string> RelativeFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static void AppendHeader(IncrementalHash hash, string relative, long length)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
        hash.AppendData(BitConverter.GetBytes(length));
    }
}
