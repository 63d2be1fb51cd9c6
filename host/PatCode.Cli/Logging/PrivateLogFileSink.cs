using System.Runtime.Versioning;
using PatCode.Core.IO;
using Serilog.Core;
using Serilog.Events;

namespace PatCode.Cli.Logging;

/// <summary>
/// Keeps log files user-only (0600). The file sink creates its files with the process's umask (usually
/// 0644) and offers no hook in shared mode, so after each event this checks whether the folder changed (a
/// new day's file, a size roll) with one stat, and only then tightens what is too open.
/// </summary>
internal sealed class PrivateLogFileSink(ILogEventSink inner, string directory) : ILogEventSink, IDisposable
{
    private readonly Lock _gate = new();
    private DateTime _folderSeen = DateTime.MinValue;

    public void Emit(LogEvent logEvent)
    {
        inner.Emit(logEvent);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        lock (_gate)
        {
            var changed = Directory.GetLastWriteTimeUtc(directory);
            if (changed == _folderSeen)
            {
                return;
            }

            _folderSeen = changed;
            try
            {
                foreach (var file in Directory.EnumerateFiles(directory))
                {
                    Tighten(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder went away or cannot be listed; logging itself must not fail over it.
            }
        }
    }

    [UnsupportedOSPlatform("windows")]
    private static void Tighten(string file)
    {
        try
        {
            if (File.GetUnixFileMode(file) != UserOnly.File)
            {
                File.SetUnixFileMode(file, UserOnly.File);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another user's file, or one just rolled away: nothing this process can fix.
        }
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
