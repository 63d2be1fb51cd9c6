using PatCode.Sdk;

namespace PatCode.Core.Plugins.Chain;

/// <summary>What the chain needs to know about one user message.</summary>
public sealed record ChainRequest(
    string Input,
    string WorkingDirectory,
    IReadOnlyList<ConversationMessage> Conversation,
    IReadOnlyList<ContextFile> Files);
