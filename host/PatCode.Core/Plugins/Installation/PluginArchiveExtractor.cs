using System.IO.Compression;

namespace PatCode.Core.Plugins.Installation;

/// <summary>
/// Unpacks a .zip or .nupkg into the staging folder: regular files only, every entry inside the target,
/// and within <see cref="PluginInstallLimits"/> counted byte by byte while writing.
/// </summary>
internal static class PluginArchiveExtractor
{
    // The file-type bits of a Unix mode, as zip tools store it in the upper half of the external attributes.
    private const int UnixTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;
    private const int OwnerExecute = 0x40;

    public static void Extract(string archivePath, string target, PluginInstallLimits limits)
    {
        var extension = Path.GetExtension(archivePath).ToLowerInvariant();
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(archivePath);
        }
        catch (InvalidDataException e)
        {
            throw new PluginPackageException($"{archivePath} is not a valid {extension} archive ({e.Message})", e);
        }

        using (archive)
        {
            var writer = new PluginPackageWriter(archivePath, limits);
            writer.CheckDeclared(archive.Entries.Count, archive.Entries.Aggregate(0L, (sum, e) => sum > long.MaxValue - e.Length ? long.MaxValue : sum + e.Length));
            var root = Path.GetFullPath(target);
            foreach (var entry in archive.Entries)
            {
                var destination = Path.GetFullPath(Path.Combine(root, entry.FullName));
                var unixMode = entry.ExternalAttributes >>> 16;
                var type = unixMode & UnixTypeMask;
                var isDirectory = entry.FullName.EndsWith('/') || type == UnixDirectory;
                if (isDirectory && destination.TrimEnd(Path.DirectorySeparatorChar) == root)
                {
                    continue; // "./": the package folder itself.
                }

                if (!destination.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new PluginPackageException($"{archivePath}: the entry '{entry.FullName}' would land outside the package folder: refused");
                }

                if (isDirectory)
                {
                    writer.CreateDirectory(destination);
                    continue;
                }

                if (type != 0 && type != UnixRegularFile)
                {
                    throw new PluginPackageException($"{archivePath}: '{entry.FullName}' is a symbolic link or special file, and a plugin package holds regular files only: refused");
                }

                PluginPackageWriter.CreateParent(destination);
                try
                {
                    using var input = entry.Open();
                    writer.WriteFile(destination, input, entry.FullName, executable: (unixMode & OwnerExecute) != 0, (entry.CompressedLength, entry.Crc32));
                }
                catch (InvalidDataException e)
                {
                    throw new PluginPackageException($"{archivePath} is damaged: '{entry.FullName}' cannot be unpacked ({e.Message})", e);
                }
            }
        }
    }
}
