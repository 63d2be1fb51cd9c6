using PatCode.Core.Console;

namespace PatCode.Chat.Answers;

/// <summary>Writes each piece as it comes; a non-empty answer that does not end its last line gets a line break.</summary>
internal sealed class PlainAnswerView(IUserOutput output) : IAnswerView
{
    private bool _openLine;

    public void Write(string text)
    {
        output.Write(text);
        _openLine = !text.EndsWith('\n');
    }

    public void Complete()
    {
        if (_openLine)
        {
            output.WriteLine();
        }
    }
}
