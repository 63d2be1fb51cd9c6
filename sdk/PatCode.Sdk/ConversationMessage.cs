using System.Diagnostics.CodeAnalysis;

namespace PatCode.Sdk;

/// <summary>One message of the conversation so far.</summary>
/// <remarks>Not a positional record, so members can be added without breaking plugins built against 1.0.</remarks>
public sealed record ConversationMessage
{
    /// <summary>Creates a message.</summary>
    /// <param name="Role">Who said it.</param>
    /// <param name="Content">What was said.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract (named arguments).")]
    public ConversationMessage(ConversationRole Role, string Content)
    {
        this.Role = Role;
        this.Content = Content;
    }

    /// <summary>Who said it.</summary>
    public ConversationRole Role { get; init; }

    /// <summary>What was said.</summary>
    public string Content { get; init; }

    /// <summary>Deconstructs the message into its 1.0 members.</summary>
    /// <param name="Role">Who said it.</param>
    /// <param name="Content">What was said.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract.")]
    public void Deconstruct(out ConversationRole Role, out string Content)
    {
        Role = this.Role;
        Content = this.Content;
    }
}
