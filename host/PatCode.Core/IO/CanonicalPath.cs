namespace PatCode.Core.IO;

/// <summary>
/// The real location of a path, like POSIX realpath: every symbolic link along it resolved and every
/// <c>..</c> applied after the link it follows, so "is this inside that folder" can be answered truthfully.
/// </summary>
public static class CanonicalPath
{
    // Linux gives up after 40 links (ELOOP); so do we.
    private const int MaxLinks = 40;

    /// <summary>Resolves <paramref name="path"/>; a part that does not exist is kept as written.</summary>
    /// <exception cref="IOException">The links loop, or there are more than 40 of them.</exception>
    public static string Resolve(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.GetFullPath(path);
        }

        // Not Path.GetFullPath: it would apply ".." before the links are followed.
        var absolute = Path.IsPathRooted(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var pending = new LinkedList<string>(absolute.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var resolved = "/";
        var links = 0;
        while (pending.First is { } first)
        {
            var part = first.Value;
            pending.RemoveFirst();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? "/";
                continue;
            }

            var next = Path.Combine(resolved, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"{path} goes through more than {MaxLinks} symbolic links (a loop?)");
            }

            // The target's parts are walked in place of the link; an absolute target starts again from the root.
            foreach (var targetPart in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.AddFirst(targetPart);
            }

            if (target.StartsWith('/'))
            {
                resolved = "/";
            }
        }

        return resolved;
    }

    /// <summary>Whether <paramref name="path"/> (already canonical) lies strictly inside <paramref name="folder"/> (already canonical).</summary>
    public static bool IsInside(string path, string folder) =>
        path.Length > folder.Length + 1 && path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
}
