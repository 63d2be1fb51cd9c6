using System.Diagnostics;

namespace PatCode.Core.Plugins.Crashes;

/// <summary>
/// The last word of a process an in-process plugin brings down: an exception unhandled on a thread the plugin
/// started (its stack shows whose code it was), or the process exiting while the host has not shut down, which
/// only a plugin's Environment.Exit does (the plugin whose call is under way is the one). That plugin is marked
/// in its <see cref="InProcessCallMarker"/> so the next start faults it, and one line on stderr names it now.
/// (A stack overflow or FailFast runs no handler: there, the marker's count of calls under way tells.)
/// </summary>
internal static class FatalBlame
{
    private static readonly List<InProcessCallMarker> Markers = [];
    private static bool _installed;

    public static void Watch(InProcessCallMarker marker)
    {
        lock (Markers)
        {
            Markers.Add(marker);
            if (!_installed)
            {
                _installed = true;
                AppDomain.CurrentDomain.UnhandledException += (_, e) => Blame(e.ExceptionObject as Exception, "crashed PatCode with an unhandled {0}");

                // The host forgets its marker when it shuts down; a marker still watched at exit means someone else ended the process.
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Blame(null, "ended PatCode by calling Environment.Exit");
            }
        }
    }

    public static void Forget(InProcessCallMarker marker)
    {
        lock (Markers)
        {
            Markers.Remove(marker);
        }
    }

    private static void Blame(Exception? exception, string what)
    {
        InProcessCallMarker[] markers;
        lock (Markers)
        {
            markers = [.. Markers];
        }

        if (markers.Length == 0)
        {
            return;
        }

        var trace = exception is null ? null : new StackTrace(exception);
        foreach (var marker in markers)
        {
            var caught = trace is null ? marker.BlameRunning() : marker.Blame(trace);
            if (caught && marker.BlamedName() is { } plugin)
            {
                var line = string.Format(System.Globalization.CultureInfo.InvariantCulture, what, exception?.GetType().Name);
                System.Console.Error.WriteLine($"error: plugin {plugin} {line} while running in process; it is Faulted from the next start (/plugins enable {plugin} to try it again, or /plugins isolate {plugin} process).");
                return;
            }
        }
    }
}
