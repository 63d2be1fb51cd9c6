using PatCode.Chat.History;
using PatCode.Sdk;

namespace PatCode.Chat.Prompt;

/// <summary>Everything that could go into one request, before it is fitted to the context window.</summary>
/// <param name="PluginSharePercent">The share of the prompt's budget each plugin is guaranteed for its sections (<c>chat.pluginSharePercent</c>).</param>
internal sealed record PromptParts(
    string SystemPrompt,
    IReadOnlyList<ContextSection> Sections,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<ContextFile> Files,
    string UserMessage,
    int ContextTokens,
    int PluginSharePercent = ChatSettings.DefaultPluginSharePercent);
