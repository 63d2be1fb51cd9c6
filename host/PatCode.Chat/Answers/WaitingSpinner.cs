using System.Globalization;
using Spectre.Console;

namespace PatCode.Chat.Answers;

/// <summary>
/// The status line while an answer is awaited: Spectre.Console's dots spinner, what is awaited and the time
/// so far. Drawn on one line after a short delay (a cached answer never shows it), with the cursor hidden;
/// <see cref="Stop"/> erases it and shows the cursor again.
/// </summary>
internal sealed class WaitingSpinner : IDisposable
{
    private static readonly TimeSpan FirstFrameDelay = TimeSpan.FromMilliseconds(150);

    private readonly TextWriter _out;
    private readonly object _gate;
    private readonly string _label;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly IReadOnlyList<string> _frames;
    private readonly ITimer _timer;
    private int _frame;
    private bool _drawn;
    private bool _stopped;

    /// <param name="output">The terminal.</param>
    /// <param name="gate">Held while drawing, shared with whoever else writes to <paramref name="output"/>.</param>
    /// <param name="label">What is awaited, e.g. "waiting for llama3.2".</param>
    /// <param name="time">The clock.</param>
    public WaitingSpinner(TextWriter output, object gate, string label, TimeProvider time)
    {
        _out = output;
        _gate = gate;
        _label = label;
        _time = time;
        _started = time.GetTimestamp();
        var spinner = Spinner.Known.Dots;
        _frames = spinner.Frames;
        _timer = time.CreateTimer(_ => Draw(), null, FirstFrameDelay, spinner.Interval);
    }

    /// <summary>Erases the status line (if it was drawn) and shows the cursor. Safe to call more than once.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _timer.Dispose();
            if (_drawn)
            {
                _out.Write("\r\u001b[2K\u001b[?25h");
                _out.Flush();
            }
        }
    }

    public void Dispose() => Stop();

    private void Draw()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            var elapsed = _time.GetElapsedTime(_started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            var hide = _drawn ? "" : "\u001b[?25l";
            _out.Write($"{hide}\r\u001b[2K\u001b[36m{_frames[_frame++ % _frames.Count]}\u001b[39m \u001b[2m{_label} · {elapsed} s\u001b[22m");
            _out.Flush();
            _drawn = true;
        }
    }
}
