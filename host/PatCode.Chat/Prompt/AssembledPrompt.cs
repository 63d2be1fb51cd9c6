using Microsoft.Extensions.AI;

namespace PatCode.Chat.Prompt;

/// <summary>The messages sent to the model, their estimated size, and what had to be left out (never silently).</summary>
internal sealed record AssembledPrompt(IReadOnlyList<ChatMessage> Messages, int EstimatedTokens, IReadOnlyList<string> Truncations);
