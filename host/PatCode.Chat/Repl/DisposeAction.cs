namespace PatCode.Chat.Repl;

/// <summary>Runs an action once when disposed, e.g. to unhook an event handler.</summary>
internal sealed class DisposeAction(Action action) : IDisposable
{
    private Action? _action = action;

    public void Dispose() => Interlocked.Exchange(ref _action, null)?.Invoke();
}
