namespace PatCode.Chat.Repl;

/// <summary>
/// News that arrives from elsewhere (a plugin reloaded, unloaded or faulted by the folder watcher) while an
/// answer streams or a command prints: it waits for the end of that output, so it never lands in the middle
/// of an answer's line. Held lines are written in the order they came.
/// </summary>
internal sealed class HeldNotices(Action<string> write)
{
    private readonly object _gate = new();
    private readonly Queue<string> _held = new();
    private Action<string> _write = write;
    private bool _holding;

    /// <summary>Where notices go from now on (the line editor writes them above the prompt).</summary>
    public void WriteTo(Action<string> write)
    {
        lock (_gate)
        {
            _write = write;
        }
    }

    public void Post(string line)
    {
        lock (_gate)
        {
            if (_holding)
            {
                _held.Enqueue(line);
                return;
            }

            _write(line);
        }
    }

    public void Hold()
    {
        lock (_gate)
        {
            _holding = true;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _holding = false;
            while (_held.TryDequeue(out var line))
            {
                _write(line);
            }
        }
    }
}
