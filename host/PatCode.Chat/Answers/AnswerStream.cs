using PatCode.Core.Security;

namespace PatCode.Chat.Answers;

/// <summary>
/// The one place model text passes on its way to the user: it is cleaned of terminal control sequences (with
/// one <see cref="TerminalSanitizer"/> per answer, so a sequence split across pieces is still removed whole)
/// before any view, plain or Markdown, sees it.
/// </summary>
internal sealed class AnswerStream(IAnswerView view)
{
    private readonly TerminalSanitizer _sanitizer = new();

    public void Write(string modelText)
    {
        var clean = _sanitizer.Sanitize(modelText);
        if (clean.Length > 0)
        {
            view.Write(clean);
        }
    }

    public void Complete() => view.Complete();
}
