using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PatCode.Core.Plugins.Trust;

namespace PatCode.Core.Plugins.Loading;

/// <summary>
/// A cheap fingerprint of a plugin folder from the file system's records alone: every file's relative path, size
/// and last write time. It notices a reinstall or an edited file without reading any content, so it serves where
/// nothing is pinned by trust (a built-in's folder is part of the install); trust uses <see cref="PluginFolderHash"/>.
/// </summary>
internal static class PluginFolderStamp
{
    public static string Compute(string folder)
    {
        var records = new StringBuilder();
        foreach (var relative in PluginFolderHash.RelativeFiles(folder))
        {
            var file = new FileInfo(Path.Combine(folder, relative));
            records.Append(relative).Append('\0')
                .Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append('\0')
                .Append(file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(records.ToString())));
    }
}
