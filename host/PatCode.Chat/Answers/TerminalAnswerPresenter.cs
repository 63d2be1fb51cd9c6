using PatCode.Chat.Answers.Markdown;

namespace PatCode.Chat.Answers;

/// <summary>
/// Answers on an interactive terminal: a waiting spinner until the first text, then Markdown rendered as it
/// streams, or the plain text when <see cref="AnswerRendering.Plain"/> is chosen or NO_COLOR is set. Only the
/// interactive REPL creates one, so nothing else loads Markdig.
/// </summary>
public sealed class TerminalAnswerPresenter : IAnswerPresenter
{
    private readonly TextWriter _out;
    private readonly bool _colour;
    private readonly Func<int> _width;
    private readonly Func<int> _height;
    private readonly TimeProvider _time;
    private readonly object _gate = new();

    /// <param name="output">The terminal.</param>
    /// <param name="colour">Whether styles may be used (false with NO_COLOR); without, answers are plain.</param>
    /// <param name="width">The terminal's columns.</param>
    /// <param name="height">The terminal's rows.</param>
    /// <param name="time">The clock for the spinner.</param>
    public TerminalAnswerPresenter(TextWriter output, bool colour, Func<int> width, Func<int> height, TimeProvider? time = null)
    {
        _out = output;
        _colour = colour;
        _width = width;
        _height = height;
        _time = time ?? TimeProvider.System;
    }

    public IAnswerView Begin(string model, AnswerRendering rendering)
    {
        var spinner = new WaitingSpinner(_out, _gate, $"waiting for {model}", _time);
        var markdown = _colour && rendering == AnswerRendering.Markdown ? new MarkdownStreamRenderer(_out, _width, _height) : null;
        return new TerminalAnswerView(_out, _gate, spinner, markdown);
    }
}
