using PatCode.Core.IO;

namespace PatCode.Core.Plugins.Installation;

/// <summary>
/// Copies a plugin's build folder into the staging folder without ever reaching outside it: a symbolic
/// link may point at a file inside the folder (copied as a plain file); a link out of the folder, to a
/// folder, back up the tree, or round in a loop is refused.
/// </summary>
internal static class PluginFolderCopier
{
    public static void Copy(string source, string target, PluginInstallLimits limits)
    {
        var root = CanonicalPath.Resolve(source);
        var writer = new PluginPackageWriter(source, limits);
        writer.CreateDirectory(target);
        if (CanonicalPath.IsInside(CanonicalPath.Resolve(target), root))
        {
            throw new PluginPackageException($"{source} holds your plugins folder: install from the plugin's own build folder");
        }

        CopyFolder(source, root, root, target, writer);
    }

    private static void CopyFolder(string source, string root, string folder, string target, PluginPackageWriter writer)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, entry.FullName);
            var destination = Path.Combine(target, entry.Name);
            if (entry.LinkTarget is not null)
            {
                CopyLinkedFile(source, root, entry, relative, destination, writer);
            }
            else if (entry is DirectoryInfo directory)
            {
                writer.CreateDirectory(destination);
                CopyFolder(source, root, directory.FullName, destination, writer);
            }
            else
            {
                CopyFile(entry.FullName, destination, relative, writer);
            }
        }
    }

    private static void CopyLinkedFile(string source, string root, FileSystemInfo link, string relative, string destination, PluginPackageWriter writer)
    {
        string real;
        try
        {
            real = CanonicalPath.Resolve(link.FullName);
        }
        catch (IOException)
        {
            throw new PluginPackageException($"{relative} in {source} is a loop of symbolic links: refused; remove it");
        }

        if (real == root || CanonicalPath.IsInside(root, real))
        {
            throw new PluginPackageException($"{relative} in {source} is a symbolic link back to the folder or above it (a loop): refused; remove it");
        }

        if (!CanonicalPath.IsInside(real, root))
        {
            throw new PluginPackageException($"{relative} in {source} is a symbolic link to {real}, outside the plugin folder: refused; copy the file in instead");
        }

        if (Directory.Exists(real))
        {
            throw new PluginPackageException($"{relative} in {source} is a symbolic link to a folder: refused; a plugin folder may link to files only");
        }

        if (!File.Exists(real))
        {
            throw new PluginPackageException($"{relative} in {source} is a broken symbolic link: remove it or fix its target");
        }

        CopyFile(real, destination, relative, writer);
    }

    private static void CopyFile(string path, string destination, string relative, PluginPackageWriter writer)
    {
        // A FIFO, a device or a /proc entry reports no size: it is never opened (a FIFO would block forever) and
        // becomes an empty file. Anything with a size is read only up to the package limits.
        var file = new FileInfo(path);
        using var input = file.Length == 0 ? Stream.Null : file.OpenRead();
        writer.WriteFile(destination, input, relative, IsOwnerExecutable(file));
    }

    private static bool IsOwnerExecutable(FileSystemInfo file) =>
        !OperatingSystem.IsWindows() && (file.UnixFileMode & UnixFileMode.UserExecute) != 0;
}
