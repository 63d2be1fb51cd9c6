using System.IO.Enumeration;
using PatCode.Core.IO;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>
/// Lists the files of a tree, honouring ignore rules, skipping build and tool folders, never entering a
/// symlinked folder, never counting a symlink whose target lies outside the root, and leaving out what is not
/// a regular file (FIFOs, sockets, devices).
/// </summary>
internal static class TreeWalker
{
    /// <summary>Folders never worth analysing, ignored or not: version control, build output, package caches.</summary>
    public static bool IsSkippedDirectoryName(string name) => name is ".git" or "bin" or "obj" or "node_modules" or ".hg" or ".svn" or ".vs";

    public static TreeWalk Walk(string root, AnalyzerLimits limits, CancellationToken cancellationToken)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        using var filter = (IPathFilter?)GitRepositoryFilter.TryCreate(fullRoot) ?? new GitIgnoreFileFilter();
        var rootPrefix = fullRoot + Path.DirectorySeparatorChar;
        var files = new List<FileEntry>();
        var directories = 0;
        var ignored = 0;
        var skipped = 0;
        var outside = 0;
        var linkedDirectories = 0;
        var specialFiles = 0;
        var capReached = false;
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0, ReturnSpecialDirectories = false };

        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((fullRoot, ""));
        while (pending.Count > 0 && !capReached)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, relativeDirectory) = pending.Pop();
            filter.EnterDirectory(relativeDirectory, directory);
            var entries = new FileSystemEnumerable<RawEntry>(directory, static (ref FileSystemEntry e) => new RawEntry(
                e.FileName.ToString(),
                e.ToFullPath(),
                e.IsDirectory,
                (e.Attributes & FileAttributes.ReparsePoint) != 0,
                e.IsDirectory ? 0 : e.Length,
                e.LastWriteTimeUtc.UtcTicks), options);

            foreach (var entry in entries)
            {
                var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                if (entry.IsSymlink)
                {
                    var target = ResolveInside(entry.FullPath, rootPrefix);
                    if (target is null)
                    {
                        outside++;
                        continue;
                    }

                    if (target is DirectoryInfo)
                    {
                        // A linked folder inside the root is already counted where it really lives; following it could loop.
                        linkedDirectories++;
                        continue;
                    }
                }

                if (entry.IsDirectory && !entry.IsSymlink)
                {
                    if (IsSkippedDirectoryName(entry.Name))
                    {
                        skipped++;
                    }
                    else if (filter.IsIgnored(relative, isDirectory: true))
                    {
                        ignored++;
                    }
                    else
                    {
                        directories++;
                        pending.Push((entry.FullPath, relative));
                    }

                    continue;
                }

                if (entry.Name == ".git" || filter.IsIgnored(relative, isDirectory: false))
                {
                    ignored++;
                    continue;
                }

                if (RegularFile.KindOf(entry.FullPath) is not (FileKind.Regular or FileKind.Unknown))
                {
                    // A FIFO would block the read, a device never end it: counted as special, never opened.
                    specialFiles++;
                    continue;
                }

                if (files.Count >= limits.MaxFiles)
                {
                    capReached = true;
                    break;
                }

                var length = entry.Length;
                var lastWrite = entry.LastWriteTicks;
                if (entry.IsSymlink)
                {
                    var info = new FileInfo(entry.FullPath); // follows the link to the target inside the root
                    length = info.Length;
                    lastWrite = info.LastWriteTimeUtc.Ticks;
                }

                files.Add(new FileEntry(relative, entry.FullPath, length, lastWrite));
            }
        }

        return new TreeWalk
        {
            Root = fullRoot,
            Files = files,
            DirectoryCount = directories,
            IgnoredEntries = ignored,
            SkippedDirectories = skipped,
            SymlinksOutsideRoot = outside,
            SymlinkedDirectoriesNotFollowed = linkedDirectories,
            SpecialFiles = specialFiles,
            FileCapReached = capReached,
            IgnoreSource = filter.Description,
        };
    }

    /// <summary>The link's final target when it exists and lies inside the root; otherwise <see langword="null"/>.</summary>
    private static FileSystemInfo? ResolveInside(string linkPath, string rootPrefix)
    {
        FileSystemInfo? target;
        try
        {
            target = new FileInfo(linkPath).ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException)
        {
            return null; // a loop of links
        }

        if (target is null || !target.Exists && !Directory.Exists(target.FullName))
        {
            return null;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.FullName));
        if (!full.StartsWith(rootPrefix, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != rootPrefix)
        {
            return null;
        }

        return Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full);
    }

    private readonly record struct RawEntry(string Name, string FullPath, bool IsDirectory, bool IsSymlink, long Length, long LastWriteTicks);
}
