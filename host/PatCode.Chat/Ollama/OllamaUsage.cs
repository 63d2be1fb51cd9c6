using Microsoft.Extensions.AI;
using OllamaSharp.Models.Chat;

namespace PatCode.Chat.Ollama;

/// <summary>
/// The usage figures of one streamed answer, read update by update: token counts and <c>eval_duration</c> from
/// Ollama's final line (OllamaSharp's <see cref="ChatDoneResponseStream"/>), or the <see cref="UsageContent"/> a
/// replayed (cached) answer carries; and whether the stream said it was done.
/// </summary>
internal sealed class OllamaUsage
{
    public long? InputTokens { get; private set; }

    public long? OutputTokens { get; private set; }

    /// <summary>Ollama's own generation time.</summary>
    public TimeSpan? EvalDuration { get; private set; }

    /// <summary>Whether an update carried usage, Ollama's final line or a finish reason.</summary>
    public bool Done { get; private set; }

    public void Read(ChatResponseUpdate update)
    {
        foreach (var usage in update.Contents.OfType<UsageContent>())
        {
            // Usage comes with the final line; a replayed (cached) answer may carry it without a finish reason.
            InputTokens = usage.Details.InputTokenCount ?? InputTokens;
            OutputTokens = usage.Details.OutputTokenCount ?? OutputTokens;
            Done = true;
        }

        if (update.RawRepresentation is ChatDoneResponseStream final)
        {
            Done = true;
            InputTokens = final.PromptEvalCount;
            OutputTokens = final.EvalCount;
            EvalDuration = TimeSpan.FromTicks(final.EvalDuration / 100);
        }
        else if (update.AdditionalProperties?.TryGetValue("eval_duration", out var value) == true && value is TimeSpan duration)
        {
            EvalDuration = duration;
        }

        if (update.FinishReason is not null)
        {
            Done = true;
        }
    }
}
