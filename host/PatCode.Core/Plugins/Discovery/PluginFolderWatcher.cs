using Microsoft.Extensions.Logging;

namespace PatCode.Core.Plugins.Discovery;

/// <summary>
/// Hot reload: watches every plugin root, including sub-folders, for any kind of change (created, changed,
/// deleted, renamed), waits until the folder has been quiet for the debounce period, then reconciles the
/// host. Because the host rescans and compares hashes rather than trusting individual events, delete-and-
/// recreate, rename-over and half-copied folders all end in the right state.
/// </summary>
public sealed class PluginFolderWatcher : IDisposable
{
    private readonly PluginHost _host;
    private readonly ILogger _logger;
    private readonly TimeSpan _debounce;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Timer _timer;
    private int _disposed;

    public PluginFolderWatcher(PluginHost host, IEnumerable<string> roots, TimeSpan debounce, ILogger logger)
    {
        _host = host;
        _logger = logger;
        _debounce = debounce;
        _timer = new Timer(_ => _ = ReloadAsync(), null, Timeout.Infinite, Timeout.Infinite);
        foreach (var root in roots.Where(Directory.Exists).Distinct(StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Created += OnChange;
            watcher.Changed += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.Error += OnError;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    /// <summary>Raised after each reload the watcher triggered, for the REPL's message and for tests.</summary>
    public event Action? Reloaded;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _timer.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnError(object sender, ErrorEventArgs e)
    {
        // An overflowed event queue loses events, not correctness: a full rescan catches up.
        _logger.LogWarning(e.GetException(), "Plugin folder watcher reported an error; rescanning");
        OnChange(sender, new FileSystemEventArgs(WatcherChangeTypes.Changed, ((FileSystemWatcher)sender).Path, null));
    }

    private async Task ReloadAsync()
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        try
        {
            await _host.ReloadAsync();
            Reloaded?.Invoke();
        }
        catch (ObjectDisposedException)
        {
            // The host shut down while a reload was pending.
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Hot reload failed");
        }
    }
}
