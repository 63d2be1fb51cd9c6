using System.Security.Cryptography;

namespace PatCode.Scripts.Tests.Support;

/// <summary>Every file below a folder, by relative path, with the SHA-256 of its content.</summary>
internal static class DirectorySnapshot
{
    public static SortedDictionary<string, string> Take(string root, Func<string, bool>? include = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return files;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (include is null || include(relative))
            {
                files[relative] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            }
        }

        return files;
    }
}
