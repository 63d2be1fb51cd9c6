namespace PatCode.Core.Plugins.Invocation;

/// <summary>
/// Runs a plugin call on the thread pool without the pool keeping the plugin alive. A pool thread can hold
/// on to the last work item it ran until it runs another; if that work item's closure referenced the
/// plugin, the plugin's load context could not be collected after unloading. So the closure only holds a
/// box, emptied as soon as the call starts.
/// </summary>
internal static class DetachedCall
{
    public static Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var box = new Box<T>(call);
        return Task.Run(() => box.Take()(cancellationToken), cancellationToken);
    }

    public static Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync<bool>(async ct =>
        {
            await call(ct);
            return true;
        }, cancellationToken);

    private sealed class Box<T>(Func<CancellationToken, Task<T>> call)
    {
        private Func<CancellationToken, Task<T>>? _call = call;

        public Func<CancellationToken, Task<T>> Take() =>
            Interlocked.Exchange(ref _call, null) ?? throw new InvalidOperationException("A detached call runs once.");
    }
}
