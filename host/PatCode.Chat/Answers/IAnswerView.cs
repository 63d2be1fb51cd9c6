namespace PatCode.Chat.Answers;

/// <summary>One answer being shown. It receives text already cleaned of terminal control sequences (see <see cref="AnswerStream"/>).</summary>
public interface IAnswerView
{
    /// <summary>The next piece of the answer, as the model sent it minus control sequences.</summary>
    void Write(string text);

    /// <summary>The answer ended (completed, cancelled or failed): finish its last line, stop any spinner.</summary>
    void Complete();
}
