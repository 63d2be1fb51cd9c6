using PatCode.Chat.Answers.Markdown;

namespace PatCode.Chat.Answers;

/// <summary>One answer on the terminal: the spinner goes with the first text; the text is rendered, or written as it is.</summary>
internal sealed class TerminalAnswerView(TextWriter output, object gate, WaitingSpinner spinner, MarkdownStreamRenderer? markdown) : IAnswerView
{
    private bool _openLine;

    public void Write(string text)
    {
        spinner.Stop();
        lock (gate)
        {
            if (markdown is not null)
            {
                markdown.Write(text);
            }
            else
            {
                output.Write(text);
                output.Flush();
            }

            _openLine = !text.EndsWith('\n');
        }
    }

    public void Complete()
    {
        spinner.Stop();
        lock (gate)
        {
            if (markdown is not null)
            {
                markdown.Complete();
            }
            else if (_openLine)
            {
                output.WriteLine();
                output.Flush();
            }
        }
    }
}
