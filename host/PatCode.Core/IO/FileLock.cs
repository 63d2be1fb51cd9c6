using System.Diagnostics;

namespace PatCode.Core.IO;

/// <summary>
/// An exclusive lock between processes, held by keeping a lock file open with no sharing (an advisory
/// <c>flock</c> on Unix). Used for read-modify-write of state files two PatCode processes may change at once.
/// The lock file itself is left in place: deleting it would let two processes lock different files.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <exception cref="IOException">Another process held the lock for longer than <paramref name="timeout"/>.</exception>
    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        PatCodePaths.EnsurePrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UserOnly.File;
        }

        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, options));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(10);
            }
            catch (IOException e)
            {
                throw new IOException($"{path} stayed locked by another PatCode for {timeout.TotalSeconds:0} s; try again, or delete it if no PatCode is running", e);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
