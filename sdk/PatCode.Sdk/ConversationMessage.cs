namespace PatCode.Sdk;

/// <summary>One message of the conversation so far.</summary>
/// <param name="Role">Who said it.</param>
/// <param name="Content">What was said.</param>
public sealed record ConversationMessage(ConversationRole Role, string Content);
