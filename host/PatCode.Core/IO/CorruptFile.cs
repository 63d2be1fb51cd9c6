using System.Globalization;

namespace PatCode.Core.IO;

/// <summary>Keeps a file PatCode cannot read: it is renamed aside, never deleted, so the user can inspect or restore it.</summary>
public static class CorruptFile
{
    /// <summary>
    /// Renames <paramref name="path"/> to <c>&lt;path&gt;.corrupt-&lt;UTC time&gt;</c> (with <c>-2</c>, <c>-3</c>… if
    /// that name is taken) and moves its companion files (e.g. SQLite's <c>-wal</c>, <c>-shm</c>) along with it.
    /// Returns the new path; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot move it.
    /// </summary>
    public static string MoveAside(string path, TimeProvider time, params string[] companionSuffixes)
    {
        ArgumentNullException.ThrowIfNull(time);
        var stamp = time.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var target = $"{path}.corrupt-{stamp}";
        for (var attempt = 2; File.Exists(target); attempt++)
        {
            target = $"{path}.corrupt-{stamp}-{attempt}";
        }

        File.Move(path, target);
        foreach (var suffix in companionSuffixes)
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        return target;
    }
}
