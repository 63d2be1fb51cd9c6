using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Chat.Repl.Editing;
using PatCode.Chat.Terminal;

namespace PatCode.Benchmarks.Repl;

/// <summary>
/// <c>repl.keystroke_echo_us</c>: the p99 time from a key arriving (the terminal read returning its bytes) to the
/// line editor having written its echo, in process, line editor only. Keys are typed one per read, as a person
/// types: words, Backspace, Left/Right, Ctrl+W, Home/End, Up through a history of 1000 entries, Enter. The
/// terminal is 100 columns, so longer lines wrap and redraw over two rows. Target ≤ 2000 µs.
/// </summary>
internal sealed class KeystrokeEchoFigure : IFigureSource
{
    private const int WarmupLines = 100;
    private const int MeasuredLines = 600;

    public IReadOnlyList<string> Names => ["repl.keystroke_echo_us"];

    public IEnumerable<Figure> Measure()
    {
        var history = InputHistory.Load(null, 0, NullLogger.Instance);
        for (var i = 0; i < 1000; i++)
        {
            history.Add($"earlier message {i}: explain how the {i % 7} cache layers interact with /load and the plugins");
        }

        var terminal = new TimingTerminal();
        var editor = new LineEditor(terminal, history, completer: null);
        for (var line = 0; line < WarmupLines + MeasuredLines; line++)
        {
            terminal.Recording = line >= WarmupLines;
            terminal.Queue(Keys(line));
            if (editor.ReadLine(">>> ", out _, CancellationToken.None) != EditorOutcome.Submitted)
            {
                throw new InvalidOperationException("The editor did not submit the typed line.");
            }
        }

        var samples = terminal.Samples.Order().ToList();
        var p99 = samples[(int)Math.Ceiling(samples.Count * 0.99) - 1];
        return [new Figure("repl.keystroke_echo_us", Math.Round(p99, 1), "us")];
    }

    /// <summary>One line's keys, each a separate read: a question with typos fixed, cursor moves, a recalled entry.</summary>
    private static List<string> Keys(int line)
    {
        var keys = new List<string>();
        var text = $"why does the benchmark number {line} change when the machine is busy with other builds";
        keys.AddRange(text.Select(c => c.ToString()));
        keys.AddRange(["\u007f", "\u007f", "d", "s", "\u001b[D", "\u001b[D", "\u001b[C", "\u001b[1;5D", "\u0017", "\u0001", "\u0005", "?"]);
        if (line % 10 == 0)
        {
            keys.AddRange(["\u0015", "\u001b[A", "\u001b[A", "\u001b[B"]);
        }

        keys.Add("\r");
        return keys;
    }

    /// <summary>Hands out one key per read and times the editor's next write after it.</summary>
    private sealed class TimingTerminal : ITerminal
    {
        private readonly Queue<byte[]> _keys = new();
        private long _keyAt;

        public bool Recording { get; set; }

        public List<double> Samples { get; } = [];

        public int Width => 100;

        public int Height => 40;

        public void Queue(IEnumerable<string> keys)
        {
            foreach (var key in keys)
            {
                _keys.Enqueue(Encoding.UTF8.GetBytes(key));
            }
        }

        public void EnterEditMode()
        {
        }

        public void LeaveEditMode()
        {
        }

        public int Read(Span<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (!_keys.TryDequeue(out var key))
            {
                return timeout == Timeout.InfiniteTimeSpan ? -1 : 0;
            }

            key.CopyTo(buffer);
            _keyAt = Stopwatch.GetTimestamp();
            return key.Length;
        }

        public void Write(string text)
        {
            // A real terminal write would copy the bytes out; encoding them keeps that cost in the figure.
            _ = Encoding.UTF8.GetByteCount(text);
            if (_keyAt != 0)
            {
                if (Recording)
                {
                    Samples.Add(Stopwatch.GetElapsedTime(_keyAt).TotalMicroseconds);
                }

                _keyAt = 0;
            }
        }
    }
}
