using System.Text;
using PatCode.Chat.Terminal;

namespace PatCode.Chat.Tests.Support;

/// <summary>A terminal for the line editor: hands out queued input, one chunk per read (end of input when empty), and records what is written and the mode switches.</summary>
internal sealed class FakeTerminal(int width = 40, int height = 10) : ITerminal
{
    private readonly Queue<byte[]> _input = new();
    private readonly StringBuilder _written = new();

    public int Width { get; set; } = width;

    public int Height { get; set; } = height;

    public int EditModeEntered { get; private set; }

    public bool InEditMode { get; private set; }

    public string Written => _written.ToString();

    /// <summary>Queues keys that arrive together (one read).</summary>
    public FakeTerminal Type(string keys)
    {
        _input.Enqueue(Encoding.UTF8.GetBytes(keys));
        return this;
    }

    public void EnterEditMode()
    {
        EditModeEntered++;
        InEditMode = true;
    }

    public void LeaveEditMode() => InEditMode = false;

    public int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_input.Count == 0)
        {
            return timeout == Timeout.InfiniteTimeSpan ? -1 : 0;
        }

        var chunk = _input.Dequeue();
        chunk.CopyTo(buffer);
        return chunk.Length;
    }

    public void Write(string text) => _written.Append(text);
}
