using PatCode.Core.Console;

namespace PatCode.Chat.Answers;

/// <summary>Writes each piece as it comes and ends a non-empty answer with a line break.</summary>
internal sealed class PlainAnswerView(IUserOutput output) : IAnswerView
{
    private bool _wrote;

    public void Write(string text)
    {
        output.Write(text);
        _wrote = true;
    }

    public void Complete()
    {
        if (_wrote)
        {
            output.WriteLine();
        }
    }
}
