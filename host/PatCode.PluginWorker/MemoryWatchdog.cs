namespace PatCode.PluginWorker;

/// <summary>
/// The GC heap hard limit caps managed memory; this caps the rest (native allocations a plugin makes) by
/// watching the worker's resident memory. Over the limit and a margin, the worker says "out of memory" on
/// stderr, which patcode reads to name the cause, and ends at once.
/// </summary>
internal sealed class MemoryWatchdog : IDisposable
{
    private readonly long _limitBytes;
    private readonly int _limitMegabytes;
    private readonly Timer _timer;

    public MemoryWatchdog(int limitMegabytes)
    {
        _limitMegabytes = limitMegabytes;
        _limitBytes = (limitMegabytes + Math.Max(128L, limitMegabytes / 4L)) * 1024 * 1024;
        _timer = new Timer(static w => ((MemoryWatchdog)w!).Check(), this, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var resident = Environment.WorkingSet;
        if (resident > _limitBytes)
        {
            Console.Error.WriteLine($"Out of memory: the worker's resident memory is {resident / (1024 * 1024)} MB, over its {_limitMegabytes} MB limit (plugins.workerMemoryMB).");
            Environment.FailFast("out of memory");
        }
    }
}
