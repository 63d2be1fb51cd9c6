namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// The one timer that looks at every <see cref="CanHandleWatch"/> under way in the process. A timer per chain
/// run cost each message a timer set-up and, on this runtime, a wake of the timer thread to move its next due
/// time; this one is armed when a watch arrives while it is idle, ticks at the shortest period asked for, and
/// disarms at the first tick that finds no watch.
/// </summary>
internal static class CanHandleWatchdog
{
    private static readonly Lock Gate = new();
    private static readonly List<CanHandleWatch> Watches = [];
    private static Timer? _timer;
    private static TimeSpan _period;
    private static bool _armed;

    /// <summary>Whether the timer is ticking; tests use it to see it stop once no watch is left.</summary>
    internal static bool IsArmed
    {
        get
        {
            lock (Gate)
            {
                return _armed;
            }
        }
    }

    /// <summary>Looks at <paramref name="watch"/> at least every <paramref name="period"/> until it is removed.</summary>
    public static void Add(CanHandleWatch watch, TimeSpan period)
    {
        lock (Gate)
        {
            Watches.Add(watch);
            if (_armed && period >= _period)
            {
                return;
            }

            _timer ??= CreateTimer();

            _period = period;
            _armed = true;
            _timer.Change(period, period);
        }
    }

    public static void Remove(CanHandleWatch watch)
    {
        lock (Gate)
        {
            Watches.Remove(watch);
        }
    }

    /// <summary>A timer that does not capture the first run's execution context: it outlives the run (and its chain span).</summary>
    private static Timer CreateTimer()
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return new Timer(static _ => Tick());
        }

        using (ExecutionContext.SuppressFlow())
        {
            return new Timer(static _ => Tick());
        }
    }

    private static void Tick()
    {
        CanHandleWatch[] watches;
        lock (Gate)
        {
            if (Watches.Count == 0)
            {
                _armed = false;
                _timer?.Change(Timeout.Infinite, Timeout.Infinite);
                return;
            }

            watches = [.. Watches];
        }

        // Outside the gate: a check takes the watch's own lock and may complete its overrun.
        foreach (var watch in watches)
        {
            watch.Check();
        }
    }
}
