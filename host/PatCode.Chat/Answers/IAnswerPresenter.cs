namespace PatCode.Chat.Answers;

/// <summary>Shows answers to the user: plain text, or on a terminal a waiting spinner and rendered Markdown.</summary>
public interface IAnswerPresenter
{
    /// <summary>Starts showing one answer; the model is asked right after.</summary>
    IAnswerView Begin(string model, AnswerRendering rendering);
}
