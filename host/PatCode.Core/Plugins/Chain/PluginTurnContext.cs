using Microsoft.Extensions.Logging;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Chain;

/// <summary>
/// The <see cref="PluginContext"/> one plugin sees during its turn. Each plugin gets its own, so sections are
/// attributed to it and its logger and services are its own; once its turn is over (or it timed out and was
/// abandoned) the context is closed and anything it still tries to add is dropped.
/// </summary>
internal sealed class PluginTurnContext(ChainState state, string plugin, IPluginServices services, ILogger logger) : PluginContext
{
    private readonly ChainState _state = state;
    private readonly string _plugin = plugin;
    private bool _closed;

    public override string Input => _state.Request.Input;

    public override string WorkingDirectory => _state.Request.WorkingDirectory;

    public override IReadOnlyList<ConversationMessage> Conversation => _state.Request.Conversation;

    public override IReadOnlyList<ContextFile> Files => _state.Request.Files;

    public override IReadOnlyList<ContextSection> Sections => _state.Sections;

    public override IDictionary<string, object?> Items => _state.Items;

    public override IPluginServices Services { get; } = services;

    public override ILogger Logger { get; } = logger;

    public override void AddSection(string title, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(content);
        lock (_state.Sections)
        {
            if (!_closed)
            {
                _state.Sections.Add(new ContextSection(_plugin, title, SectionLimit.Apply(content, title, Logger)));
                return;
            }
        }

        Logger.LogWarning("Section '{Title}' added after the plugin's turn ended was dropped", title);
    }

    public void Close()
    {
        lock (_state.Sections)
        {
            _closed = true;
        }
    }
}
