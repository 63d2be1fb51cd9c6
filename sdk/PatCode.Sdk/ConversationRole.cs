namespace PatCode.Sdk;

/// <summary>Who a <see cref="ConversationMessage"/> came from.</summary>
public enum ConversationRole
{
    /// <summary>Instructions to the model.</summary>
    System,

    /// <summary>The person at the terminal.</summary>
    User,

    /// <summary>The model.</summary>
    Assistant,
}
