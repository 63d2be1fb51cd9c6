using Microsoft.Extensions.Logging;

namespace PatCode.Sdk;

/// <summary>
/// One user message on its way through the plugin chain. The host creates it; each plugin sees the
/// same instance, with <see cref="Logger"/> and <see cref="Services"/> scoped to that plugin.
/// </summary>
public abstract class PluginContext
{
    /// <summary>The user's message, as typed.</summary>
    public abstract string Input { get; }

    /// <summary>The folder PatCode was started in; plugins resolve relative paths against it.</summary>
    public abstract string WorkingDirectory { get; }

    /// <summary>The conversation before this message, oldest first. Read-only.</summary>
    public abstract IReadOnlyList<ConversationMessage> Conversation { get; }

    /// <summary>Files the user loaded into the context with <c>/load</c>.</summary>
    public abstract IReadOnlyList<ContextFile> Files { get; }

    /// <summary>The context sections added so far, each attributed to the plugin that added it.</summary>
    public abstract IReadOnlyList<ContextSection> Sections { get; }

    /// <summary>
    /// Values shared along the chain: a plugin may leave something here for plugins that run after it.
    /// Prefix keys with your plugin's name to avoid clashes.
    /// </summary>
    public abstract IDictionary<string, object?> Items { get; }

    /// <summary>The host's services, scoped to the running plugin.</summary>
    public abstract IPluginServices Services { get; }

    /// <summary>A logger whose category is the running plugin's name. Nothing logged here reaches the chat.</summary>
    public abstract ILogger Logger { get; }

    /// <summary>
    /// Adds a section to the prompt sent to the model. The host records which plugin added it, so
    /// sections from several plugins never overwrite one another.
    /// </summary>
    /// <param name="title">A short heading, such as "Git status".</param>
    /// <param name="content">The text to add.</param>
    public abstract void AddSection(string title, string content);
}
