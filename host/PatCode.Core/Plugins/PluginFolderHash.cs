using System.Security.Cryptography;
using System.Text;

namespace PatCode.Core.Plugins;

/// <summary>
/// The SHA-256 of everything in a plugin's folder: every file's relative path and contents, in a fixed
/// order. Trust is pinned to it, so changing, adding or removing any file revokes trust.
/// </summary>
internal static class PluginFolderHash
{
    public static string Compute(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var buffer = new byte[81920];
        foreach (var relative in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            using var stream = File.OpenRead(Path.Combine(folder, relative));
            hash.AppendData(BitConverter.GetBytes(stream.Length));
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
