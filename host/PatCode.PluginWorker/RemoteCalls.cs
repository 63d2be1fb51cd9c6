using PatCode.Core.Plugins.Loading.Workers.Protocol;
using StreamJsonRpc;

namespace PatCode.PluginWorker;

/// <summary>
/// The worker's side of calls back into patcode. Notifications (log lines, telemetry) are sent in the order
/// they were made, without waiting; before the worker answers a call it flushes them, so patcode has a turn's
/// log lines before the turn's result. The plugin is composed while the channel comes up, so calls made before
/// <see cref="Attach"/> (from its constructor) wait for the channel.
/// </summary>
internal sealed class RemoteCalls
{
    private readonly TaskCompletionSource<JsonRpc> _channel = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private Task _pending;

    public RemoteCalls() => _pending = _channel.Task;

    public void Attach(JsonRpc rpc) => _channel.SetResult(rpc);

    /// <summary>Calls patcode (once the channel is attached) and waits for the result.</summary>
    public async Task<T> CallAsync<T>(string method, object argument, CancellationToken cancellationToken) =>
        await (await _channel.Task.WaitAsync(cancellationToken)).CallAsync<T>(method, argument, cancellationToken);

    /// <summary>Calls patcode (once the channel is attached) and waits for it to be done.</summary>
    public async Task CallAsync(string method, object argument, CancellationToken cancellationToken) =>
        await (await _channel.Task.WaitAsync(cancellationToken)).CallAsync(method, argument, cancellationToken);

    public void Notify(string method, params object[] arguments)
    {
        lock (_gate)
        {
            _pending = _pending.ContinueWith(_ => _channel.Task.Result.SendNotificationAsync(method, arguments), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Waits until every notification made so far is written; a broken channel is no error here.</summary>
    public async Task FlushAsync()
    {
        Task pending;
        lock (_gate)
        {
            pending = _pending;
        }

        try
        {
            await pending;
        }
        catch (Exception e) when (e is ConnectionLostException or ObjectDisposedException or IOException)
        {
            // Nobody is listening any more.
        }
    }
}
