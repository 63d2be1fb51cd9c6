using System.Diagnostics;
using System.Globalization;

namespace PatCode.Core.Diagnostics;

/// <summary>
/// Named start-up marks, written to stderr as milliseconds since the process started, when
/// <c>PATCODE_TRACE_STARTUP=1</c>; otherwise each mark costs one static field read. The process start comes from
/// /proc (10 ms clock ticks), so the first mark is exact to 10 ms; the marks after it are exact to the Stopwatch.
/// </summary>
public static class StartupTrace
{
    // Static fields initialise in this order: Enabled first, then the clock.
    private static readonly bool IsEnabled = Environment.GetEnvironmentVariable("PATCODE_TRACE_STARTUP") == "1";
    private static readonly object Gate = new();
    private static readonly long FirstTimestamp = Stopwatch.GetTimestamp();
    private static readonly double FirstMarkSinceStart = SinceProcessStart();

    /// <summary>True when PATCODE_TRACE_STARTUP is 1.</summary>
    public static bool Enabled => IsEnabled;

    /// <summary>Writes <c>startup: 123.4 ms name</c> to stderr.</summary>
    public static void Mark(string name)
    {
        if (!Enabled)
        {
            return;
        }

        var since = FirstMarkSinceStart + Stopwatch.GetElapsedTime(FirstTimestamp).TotalMilliseconds;
        lock (Gate)
        {
            System.Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup: {since,8:0.0} ms  {name} [thread {Environment.CurrentManagedThreadId}, jit {System.Runtime.JitInfo.GetCompiledMethodCount(),6} methods {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,6:0} ms]"));
        }
    }

    /// <summary>Marks only the first call of its kind (the first CanHandle, the first model request).</summary>
    public static void MarkFirst(string name, ref int flag)
    {
        if (Enabled && Interlocked.Exchange(ref flag, 1) == 0)
        {
            Mark(name);
        }
    }

    /// <summary>Milliseconds from the kernel starting this process to now: /proc/uptime minus the start time in /proc/self/stat.</summary>
    private static double SinceProcessStart()
    {
        if (!IsEnabled || !OperatingSystem.IsLinux())
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            // The command name may hold spaces and parentheses; fields are counted after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var startTicks = long.Parse(fields[19], CultureInfo.InvariantCulture); // field 22, starttime, in 1/100 s
            var uptime = double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);
            return (uptime * 1000) - (startTicks * 10.0);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
