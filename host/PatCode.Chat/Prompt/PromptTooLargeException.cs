namespace PatCode.Chat.Prompt;

/// <summary>The message cannot fit the model's context window even with everything optional left out.</summary>
internal sealed class PromptTooLargeException : Exception
{
    public PromptTooLargeException(string message)
        : base(message)
    {
    }

    public PromptTooLargeException()
    {
    }

    public PromptTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
