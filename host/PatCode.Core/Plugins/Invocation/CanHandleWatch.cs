using System.Diagnostics;
using PatCode.Core.Plugins.Chain;

namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// Enforces the CanHandle deadline of in-process plugins during one chain run. CanHandle runs inline on the
/// chain's thread, so a message costs one thread hop rather than one per plugin. A timer shared by all runs
/// (<see cref="CanHandleWatchdog"/>) looks at the call under way; when it runs past its deadline, the watch
/// gives up on that thread (the run's current "leg"), closes the plugin's context and tells the chain, which
/// goes on with the next plugin on a fresh thread. The abandoned thread learns it was given up on when
/// CanHandle finally returns, and does nothing more.
/// </summary>
internal sealed class CanHandleWatch : IDisposable
{
    private readonly Lock _gate = new();
    private readonly bool _watched;
    private int _leg;
    private long _startedAt;
    private long _deadline;
    private int _index;
    private PluginTurnContext? _context;
    private TaskCompletionSource<int> _overrun = NewOverrun();

    /// <summary>A watch that checks every <paramref name="period"/>; <see langword="null"/> for a run with nothing to watch.</summary>
    public CanHandleWatch(TimeSpan? period)
    {
        if (period is { } every)
        {
            _watched = true;
            CanHandleWatchdog.Add(this, every);
        }
    }

    /// <summary>The leg that may still record results; earlier ones were given up.</summary>
    public int Leg => Volatile.Read(ref _leg);

    /// <summary>Completes with the index of the plugin whose CanHandle overran during the current leg.</summary>
    public Task<int> Overrun
    {
        get
        {
            lock (_gate)
            {
                return _overrun.Task;
            }
        }
    }

    /// <summary>Whether <paramref name="leg"/> is still the current one.</summary>
    public bool IsCurrent(int leg) => Leg == leg;

    /// <summary>
    /// Notes that plugin <paramref name="index"/> of leg <paramref name="leg"/> is entering CanHandle, its turn having
    /// begun at Stopwatch timestamp <paramref name="startedAt"/>; false when that leg was given up.
    /// </summary>
    public bool Begin(int leg, int index, TimeSpan deadline, PluginTurnContext context, long startedAt)
    {
        lock (_gate)
        {
            if (leg != _leg)
            {
                return false;
            }

            _index = index;
            _context = context;
            _deadline = (long)(deadline.TotalSeconds * Stopwatch.Frequency);
            _startedAt = startedAt;
            return true;
        }
    }

    /// <summary>Notes that CanHandle returned; false when the chain gave up on this leg meanwhile.</summary>
    public bool End(int leg)
    {
        lock (_gate)
        {
            if (leg != _leg)
            {
                return false;
            }

            _startedAt = 0;
            _context = null;
            return true;
        }
    }

    /// <summary>How long the overrunning CanHandle ran before it was given up on.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>The deadline the overrunning CanHandle had (a first call's is longer).</summary>
    public TimeSpan Deadline { get; private set; }

    public void Dispose()
    {
        if (_watched)
        {
            CanHandleWatchdog.Remove(this);
        }
    }

    /// <summary>Gives up on the current leg if its CanHandle is past its deadline.</summary>
    internal void Check()
    {
        lock (_gate)
        {
            if (_startedAt == 0 || Stopwatch.GetTimestamp() - _startedAt <= _deadline)
            {
                return;
            }

            Elapsed = Stopwatch.GetElapsedTime(_startedAt);
            Deadline = TimeSpan.FromSeconds((double)_deadline / Stopwatch.Frequency);
            _startedAt = 0;
            _context?.Close();
            _context = null;
            Volatile.Write(ref _leg, _leg + 1);
            var overrun = _overrun;
            _overrun = NewOverrun();
            overrun.TrySetResult(_index);
        }
    }

    private static TaskCompletionSource<int> NewOverrun() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
