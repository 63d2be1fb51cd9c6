using PatCode.Core.Console;

namespace PatCode.Chat.Answers;

/// <summary>Answers as plain text through <see cref="IUserOutput"/>: what pipes, <c>ask</c> and the tests get.</summary>
public sealed class PlainAnswerPresenter(IUserOutput output) : IAnswerPresenter
{
    public IAnswerView Begin(string model, AnswerRendering rendering) => new PlainAnswerView(output);
}
